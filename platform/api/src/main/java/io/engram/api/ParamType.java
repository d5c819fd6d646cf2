package io.engram.api;

/**
 * The type of a hyperparameter.
 *
 * <p>{@link #INPUT_FILE} is the path of a file the plugin reads. The kernel resolves it before the
 * plugin sees it: a relative path against the installation, then every symbolic link followed; the
 * file must lie inside one of the configured data roots, be a regular file and be readable, or the
 * job is rejected at validation with the key named. The plugin receives the absolute real path (or
 * the empty text when the parameter is optional and not given).
 */
public enum ParamType {
    INT, DOUBLE, BOOLEAN, STRING, CHOICE, INPUT_FILE
}
