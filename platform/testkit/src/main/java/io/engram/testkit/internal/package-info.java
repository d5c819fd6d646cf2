/** Internals of the testkit: the tensor and index arithmetic of the reference ops. Not exported. */
package io.engram.testkit.internal;
