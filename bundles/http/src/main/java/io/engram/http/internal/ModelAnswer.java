package io.engram.http.internal;

import java.nio.file.Path;

/**
 * What {@link ModelResource} answers: a JSON response, or a checkpoint file sent as
 * {@code application/octet-stream}. Immutable.
 *
 * @param json     the JSON answer, or null when a file is sent
 * @param file     the file sent, or null
 * @param fileName the name offered in {@code Content-Disposition}
 * @param sha256   the file's registered SHA-256, sent as {@code X-Checksum-SHA256}
 */
record ModelAnswer(ApiResponse json, Path file, String fileName, String sha256) {

    static ModelAnswer of(ApiResponse json) {
        return new ModelAnswer(json, null, "", "");
    }
}
