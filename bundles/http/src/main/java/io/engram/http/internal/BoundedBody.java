package io.engram.http.internal;

import io.vavr.control.Either;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body of at most {@code limit} bytes. A declared {@code Content-Length} over the
 * limit is refused before a byte is read; a body of unknown length is read in small chunks and
 * refused as soon as it passes the limit, so at most {@code limit} plus one chunk is ever held.
 */
final class BoundedBody {
    static final int CHUNK = 8192;

    private BoundedBody() {
    }

    /** The body, or a 413 response when it is larger than {@code limit}. */
    static Either<ApiResponse, byte[]> read(InputStream in, long contentLength, long limit) throws IOException {
        if (contentLength > limit) {
            return Either.left(tooLarge(limit));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(
                (int) Math.min(Math.max(contentLength, 0), Math.min(limit, CHUNK)));
        byte[] buf = new byte[CHUNK];
        long total = 0;
        int n;
        while ((n = in.read(buf, 0, (int) Math.min(buf.length, limit - total + 1))) > 0) {
            total += n;
            if (total > limit) {
                return Either.left(tooLarge(limit));
            }
            out.write(buf, 0, n);
        }
        return Either.right(out.toByteArray());
    }

    private static ApiResponse tooLarge(long limit) {
        return ApiResponse.error(413, "request body larger than " + limit + " bytes")
                .withHeader("Connection", "close");
    }
}
