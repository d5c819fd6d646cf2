package io.engram.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpecBodyTest {

    @Test
    void mediaTypeChoosesFormatAndCharset() {
        assertEquals(new SpecBody("json", StandardCharsets.UTF_8), SpecBody.of(Optional.empty()).get());
        assertEquals(new SpecBody("json", StandardCharsets.UTF_8),
                SpecBody.of(Optional.of("Application/JSON; charset=utf-8")).get());
        assertEquals(new SpecBody("properties", StandardCharsets.ISO_8859_1),
                SpecBody.of(Optional.of("text/x-java-properties;charset=\"ISO-8859-1\"")).get());
        assertEquals(new SpecBody("yaml", StandardCharsets.UTF_8), SpecBody.of(Optional.of("application/yaml")).get());
        assertEquals(415, SpecBody.of(Optional.of("text/plain")).getLeft().status());
        assertEquals("unsupported charset 'klingon'",
                SpecBody.of(Optional.of("application/json; charset=klingon")).getLeft().body().get("error").asText());
    }

    @Test
    void malformedBytesAreReportedByOffset() {
        byte[] body = {'a', '=', (byte) 0xC3, (byte) 0xA9, '\n', 'b', '=', (byte) 0xFF};
        SpecBody utf8 = new SpecBody("properties", StandardCharsets.UTF_8);
        assertEquals("byte 7: not valid UTF-8 (malformed sequence of 1 byte)",
                utf8.decode(body).getError().get(0).toString());
        assertEquals("a=\u00e9\n", utf8.decode(new byte[] {'a', '=', (byte) 0xC3, (byte) 0xA9, '\n'}).get());
        assertEquals("b=\u00ff", new SpecBody("properties", StandardCharsets.ISO_8859_1)
                .decode(new byte[] {'b', '=', (byte) 0xFF}).get());
    }
}
