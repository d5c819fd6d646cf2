package io.engram.app.speechsynthesis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Manifest lines, and every bad line named at once. */
class ManifestTest {
    private static final Path FILE = Path.of("/data/m.tsv");

    @Test
    void linesGiveEntriesAndCommentsAreSkipped() {
        List<String> problems = new ArrayList<>();
        List<Manifest.Entry> entries = Manifest.read(FILE, ("# header\nwav/a.wav\tone\tw '0 n\n\nb.wav\ttwo words\n")
                .getBytes(StandardCharsets.UTF_8), false, problems);
        assertEquals(List.of(), problems);
        assertEquals(2, entries.size());
        assertEquals(new Manifest.Entry(2, Path.of("/data/wav/a.wav"), "one", List.of("w", "'0", "n")), entries.get(0));
        assertEquals(List.of(), entries.get(1).phonemes());
        assertEquals(List.of("t", "w", "o", " ", "w"), SynthesisData.symbols(entries.get(1), false).subList(0, 5));
    }

    @Test
    void everyBadLineIsNamed() {
        List<String> problems = new ArrayList<>();
        String text = "a.wav\n../b.wav\tx\ty\n\tx\ty\nc.wav\t \ty\nd.wav\ttext\n/e.wav\tx\ty\nf.wav\tx\ty\tz\n";
        List<Manifest.Entry> entries = Manifest.read(FILE, text.getBytes(StandardCharsets.UTF_8), true, problems);
        assertEquals(List.of(), entries);
        assertEquals(List.of(
                "/data/m.tsv:1: expected path<TAB>text<TAB>phonemes, found 1 field",
                "/data/m.tsv:2: the path must lie inside the manifest's folder /data",
                "/data/m.tsv:3: no path before the first tab",
                "/data/m.tsv:4: no text in the second field",
                "/data/m.tsv:5: no phonemes in the third field (data.input=phonemes)",
                "/data/m.tsv:6: the path must lie inside the manifest's folder /data",
                "/data/m.tsv:7: expected path<TAB>text<TAB>phonemes, found 4 fields"), problems);
    }

    @Test
    void notUtf8AndEmptyAreRefused() {
        List<String> problems = new ArrayList<>();
        Manifest.read(FILE, new byte[] {(byte) 0xC3, (byte) 0x28}, true, problems);
        Manifest.read(FILE, "# nothing\n".getBytes(StandardCharsets.UTF_8), true, problems);
        assertEquals(List.of("/data/m.tsv: not UTF-8 text", "/data/m.tsv: no utterances"), problems);
    }
}
