package io.engram.api;

/** The type of a hyperparameter. */
public enum ParamType {
    INT, DOUBLE, BOOLEAN, STRING, CHOICE
}
