package io.engram.distribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code engram sweep} as a process: trains on the CPU, sweeps the memristor backend, writes a CSV and a PNG. */
class SweepIT {

    static final Duration LIMIT = Duration.ofSeconds(180);

    @TempDir
    Path tmp;

    @Test
    void trainsThenSweepsWritingTheCsvAndTheChart() throws Exception {
        Path home = Installation.copy(tmp);
        Path out = tmp.resolve("sweep-out");
        Path spec = Specs.write(tmp, "sweep.properties", Specs.TINY + "sweep.bits=2,8\nsweep.noise=0,1\nsweep.out=" + out + "\n");
        try (EngramProcess p = EngramProcess.start(home, Map.of(), "sweep", spec.toString(), "--threads", "2")) {
            assertEquals(0, p.waitFor(LIMIT), p.transcript());
            List<String> csv = Files.readAllLines(out.resolve("memristor-sweep.csv"));
            assertEquals(5, csv.size(), String.join("\n", csv));
            assertTrue(csv.get(0).startsWith("bits,noise_scale,accuracy,loss,energy_joules,"), csv.get(0));
            assertTrue(csv.get(0).endsWith(",cpu_accuracy,cpu_loss"), csv.get(0));
            assertEquals(List.of("2,0.0", "2,1.0", "8,0.0", "8,1.0"),
                    csv.subList(1, 5).stream().map(l -> String.join(",", Arrays.copyOf(l.split(","), 2))).toList());
            for (String row : csv.subList(1, 5)) {
                double accuracy = Double.parseDouble(row.split(",")[2]);
                double energy = Double.parseDouble(row.split(",")[4]);
                assertTrue(accuracy >= 0 && accuracy <= 1 && energy > 0, row);
            }
            byte[] png = Files.readAllBytes(out.resolve("memristor-sweep.png"));
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, Arrays.copyOf(png, 8));
            BufferedImage image = ImageIO.read(out.resolve("memristor-sweep.png").toFile());
            assertEquals(800, image.getWidth());
            assertEquals(500, image.getHeight());
            assertTrue(p.err().contains("engram sweep: training job-"), p.transcript());
            assertTrue(p.out().contains("cpu"), p.transcript());
            assertTrue(Files.size(out.resolve("memristor-sweep.ckpt")) > 0, "the trained model is kept beside them");
        }

        Path again = tmp.resolve("from-checkpoint");
        try (EngramProcess p = EngramProcess.start(home, Map.of(), "sweep", "--checkpoint",
                out.resolve("memristor-sweep.ckpt").toString(), "--out", again.toString(), "--bits", "4", "--noise", "0")) {
            assertEquals(0, p.waitFor(LIMIT), p.transcript());
            List<String> csv = Files.readAllLines(again.resolve("memristor-sweep.csv"));
            assertEquals(2, csv.size(), String.join("\n", csv));
            assertTrue(csv.get(1).startsWith("4,0.0,"), csv.get(1));
            assertTrue(!p.err().contains("training job-"), "no training with a checkpoint: " + p.transcript());
        }
    }

    @Test
    void badOptionsAreListedWithExitTwo() throws Exception {
        Path home = Installation.copy(tmp);
        try (EngramProcess p = EngramProcess.start(home, Map.of(), "sweep", "--bits", "1-9", "--noise", "x")) {
            assertEquals(2, p.waitFor(LIMIT), p.transcript());
            assertTrue(p.err().contains("engram sweep: rejected (3 problems)"), p.transcript());
            assertTrue(p.err().contains("bits: expected bit depths in [2, 16], got '1-9'"), p.transcript());
            assertTrue(p.err().contains("noise: expected factors >= 0 separated by commas, got 'x'"), p.transcript());
            assertTrue(p.err().contains("give a job spec to train, or checkpoint=FILE"), p.transcript());
        }
    }
}
