package io.engram.app.processprediction.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/** Opens an input file, decompressing it when its name ends with {@code .gz} (as logs are often shipped). Stateless. */
final class Inputs {
    private Inputs() {
    }

    static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file));
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
            try {
                return new GZIPInputStream(in);
            } catch (IOException e) {
                in.close();
                throw new IOException("its name ends in .gz but it is not gzip-compressed (" + e.getMessage() + ")", e);
            }
        }
        return in;
    }
}
