package io.engram.api;

/**
 * The type of a hyperparameter.
 *
 * <p>{@link #INPUT_FILE} is the path of a file the plugin reads. The kernel resolves it before the
 * plugin sees it: a relative path against the installation, then every symbolic link followed; the
 * file must lie inside one of the configured data roots, be a regular file and be readable, or the
 * job is rejected at validation with the key named. The plugin receives the absolute real path (or
 * the empty text when the parameter is optional and not given).
 *
 * <p>{@link #OUTPUT_PATH} is a file or folder the plugin writes (a generated MIDI file, a folder of
 * WAV files). The kernel resolves it before the plugin sees it: a relative path against the
 * installation's output folder ({@code data/outputs/} by default), and the path, every symbolic
 * link of its existing part followed, must lie inside that folder, or the job is rejected at
 * validation with the key named. The plugin receives the absolute path and creates what it writes
 * there (the empty text when the parameter is optional and not given).
 */
public enum ParamType {
    INT, DOUBLE, BOOLEAN, STRING, CHOICE, INPUT_FILE, OUTPUT_PATH
}
