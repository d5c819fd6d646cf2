package io.engram.http.internal;

import io.engram.api.Problem;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Validation;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The format and text of a job spec sent as a request body. The media type chooses the format that
 * {@link io.engram.kernel.JobSpecs#parse} reads: {@code application/json} (also when no type is
 * sent), {@code text/x-java-properties}, or YAML; the {@code charset} parameter chooses the
 * encoding, UTF-8 when absent. Bytes that are not valid in that encoding are reported by offset.
 *
 * @param format   {@code json}, {@code properties} or {@code yaml}
 * @param charset  the body's encoding
 */
record SpecBody(String format, Charset charset) {

    private static final Map<String, String> FORMATS = Map.of(
            "application/json", "json",
            "text/json", "json",
            "text/x-java-properties", "properties",
            "application/x-java-properties", "properties",
            "application/yaml", "yaml",
            "application/x-yaml", "yaml",
            "text/yaml", "yaml",
            "text/x-yaml", "yaml");

    /** The format of a body with this {@code Content-Type}, or a 415 response naming the types accepted. */
    static Either<ApiResponse, SpecBody> of(Optional<String> contentType) {
        if (contentType.isEmpty() || contentType.get().isBlank()) {
            return Either.right(new SpecBody("json", StandardCharsets.UTF_8));
        }
        String[] parts = contentType.get().split(";");
        String type = parts[0].trim().toLowerCase(Locale.ROOT);
        String format = FORMATS.get(type);
        if (format == null) {
            return Either.left(ApiResponse.error(415, "unsupported content type '" + type
                    + "': send application/json, text/x-java-properties or application/yaml"));
        }
        Charset charset = StandardCharsets.UTF_8;
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("charset")) {
                String name = kv[1].trim().replace("\"", "");
                try {
                    charset = Charset.forName(name);
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    return Either.left(ApiResponse.error(415, "unsupported charset '" + name + "'"));
                }
            }
        }
        return Either.right(new SpecBody(format, charset));
    }

    /** The body as text; a byte sequence not valid in the charset is reported with its offset. */
    Validation<Seq<Problem>, String> decode(byte[] body) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate((int) Math.ceil(body.length * (double) decoder.maxCharsPerByte()) + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isUnderflow()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            return Validation.invalid(List.of(Problem.of("byte " + in.position(),
                    "not valid " + charset.name() + " (" + describe(result) + ")")));
        }
        out.flip();
        return Validation.valid(out.toString());
    }

    private static String describe(CoderResult result) {
        return (result.isMalformed() ? "malformed sequence" : "unmappable character")
                + " of " + result.length() + " byte" + (result.length() == 1 ? "" : "s");
    }
}
