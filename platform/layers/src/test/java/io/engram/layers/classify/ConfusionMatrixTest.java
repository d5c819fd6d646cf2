package io.engram.layers.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfusionMatrixTest {
    // truth:     a a a b b c
    // predicted: a a b b a a
    private final ConfusionMatrix m = ConfusionMatrix.of(List.of("a", "b", "c"),
            new int[] {0, 0, 0, 1, 1, 2}, new int[] {0, 0, 1, 1, 0, 0});

    @Test
    void countsAccuracyPrecisionRecallAndF1ByHand() {
        assertEquals(2, m.count(0, 0));
        assertEquals(1, m.count(2, 0));
        assertEquals(3 / 6.0, m.accuracy(), 1e-12);
        assertEquals(2 / 4.0, m.precision(0), 1e-12);
        assertEquals(2 / 3.0, m.recall(0), 1e-12);
        assertEquals(2 * 0.5 * (2 / 3.0) / (0.5 + 2 / 3.0), m.f1(0), 1e-12);
        assertEquals(0.5, m.precision(1), 1e-12);
        assertEquals(0.5, m.recall(1), 1e-12);
        assertEquals(0, m.precision(2));
        assertEquals(0, m.f1(2));
        assertEquals((m.f1(0) + m.f1(1) + 0) / 3, m.macroF1(), 1e-12);
        Map<String, Double> metrics = m.metrics("test.", true);
        assertEquals(0.5, metrics.get("test.recall.b"), 1e-12);
        assertEquals(11, metrics.size());
    }

    @Test
    void writesCsvAndAPngOfTheRightSize(@TempDir Path dir) throws Exception {
        List<Path> files = m.write(dir.resolve("sub/confusion"), "test");
        assertEquals(List.of("truth\\predicted,a,b,c", "a,2,1,0", "b,1,1,0", "c,1,0,0"), Files.readAllLines(files.get(0)));
        BufferedImage png = ImageIO.read(files.get(1).toFile());
        assertEquals(130 + 3 * 64 + 20, png.getWidth());
        try (var listing = Files.list(dir.resolve("sub"))) {
            assertEquals(2, listing.count(), "no temporary file left behind");
        }
    }

    @Test
    void refusesAClassOutsideTheList() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(List.of("a"), new int[] {0}, new int[] {1}));
        assertTrue(e.getMessage().contains("sequence 0"), e.getMessage());
    }
}
