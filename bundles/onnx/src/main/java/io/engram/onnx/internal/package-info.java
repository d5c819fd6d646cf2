/** ONNX export and import of Engram's LSTM, GRU and Elman models; internal to the bundle. */
package io.engram.onnx.internal;
