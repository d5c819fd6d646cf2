package io.engram.sweep.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Application;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.TaskData;
import io.engram.api.TrainingResult;
import io.engram.app.grammar.internal.GrammarApplication;
import io.engram.backend.cpu.CpuBackend;
import io.engram.family.lstm.internal.LstmFamily;
import io.engram.sweep.internal.MemristorSweep.Point;
import io.engram.sweep.internal.MemristorSweep.Result;
import io.engram.tensor.DType;
import io.engram.testkit.TestTrainingContext;
import io.engram.trainer.bptt.internal.BpttTrainer;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep at a small size: an LSTM trained on the embedded Reber grammar on the CPU (seeded),
 * then evaluated on crossbars of 2 to 8 bits without noise and with twice the PCM model's noise.
 */
class MemristorSweepTest {
    private static final CpuBackend CPU = new CpuBackend(1);
    private static final List<Integer> BITS = List.of(2, 3, 4, 5, 6, 7, 8);
    private static final List<Double> NOISE = List.of(0.0, 2.0);

    private static MemristorSweep sweep;
    private static Result result;

    @TempDir
    Path tmp;

    @BeforeAll
    static void trainAndSweep() throws InterruptedException {
        Application app = new GrammarApplication();
        TaskData data = app.load(app.schema().validate(Map.of("task", "embedded-reber", "train.size", "512",
                "validation.size", "128", "test.size", "128"), "data.").get(), 1).get();
        LstmFamily family = new LstmFamily();
        Hyperparameters h = family.schema().validate(Map.of("hidden", "16"), "model.").get();
        Network net = family.create(new ModelSpec("lstm", data.inputSize(), data.outputSize(), DType.F32, h), CPU, 1);
        BpttTrainer trainer = new BpttTrainer();
        TrainingResult trained = trainer.train(TestTrainingContext.builder(net, CPU).train(data.train())
                .validation(data.validation()).loss(data.loss())
                .hyper(trainer.schema(), Map.of("epochs", "20", "batch.size", "16", "lr", "0.01")).seed(1).build());
        assertFalse(trained.failed(), trained.stopReason());
        sweep = new MemristorSweep(CPU, family, app, net.spec(), net.parameters(), data.test(), data.loss());
        List<String> notes = Collections.synchronizedList(new ArrayList<>());
        result = sweep.run(BITS, NOISE, 1, 2, notes::add);
        notes.forEach(System.out::println);
    }

    @AfterAll
    static void close() {
        CPU.close();
    }

    private static Point point(int bits, double noise) {
        return result.points().stream().filter(p -> p.bits() == bits && p.noise() == noise).findFirst().orElseThrow();
    }

    @Test
    void highBitsWithoutNoiseMatchTheCpuAndFewBitsWithNoiseDoWorse() {
        assertTrue(result.cpu().accuracy() >= 0.9, "the CPU model learned the grammar: " + result.cpu());
        assertEquals(result.cpu().accuracy(), point(8, 0.0).evaluation().accuracy(), 0.02);
        assertTrue(point(2, 2.0).evaluation().accuracy() < point(8, 0.0).evaluation().accuracy(),
                point(2, 2.0) + " vs " + point(8, 0.0));
        assertTrue(point(2, 2.0).evaluation().loss() > point(8, 0.0).evaluation().loss());
        assertTrue(Double.isNaN(result.cpu().cost().getOrDefault("energy.joules", Double.NaN)),
                "the CPU meters nothing");
    }

    @Test
    void everyPointIsMeteredAndInGridOrder() {
        assertEquals(BITS.size() * NOISE.size(), result.points().size());
        int i = 0;
        for (int b : BITS) {
            for (double n : NOISE) {
                Point p = result.points().get(i++);
                assertEquals(b, p.bits());
                assertEquals(n, p.noise());
                assertTrue(p.evaluation().cost().get("energy.joules") > 0, p.toString());
                assertTrue(p.evaluation().cost().get("crossbar.products") > 0, p.toString());
            }
        }
        assertEquals(point(2, 0.0).evaluation().cost().get("crossbar.macs"),
                point(8, 2.0).evaluation().cost().get("crossbar.macs"), "the same products at every point");
    }

    @Test
    void aPointIsTheSameOnOneThreadAsOnSeveral() throws InterruptedException {
        Result again = sweep.run(List.of(3), List.of(2.0), 1, 1, n -> { });
        assertEquals(point(3, 2.0), again.points().get(0));
        Result otherSeed = sweep.run(List.of(3), List.of(2.0), 2, 1, n -> { });
        assertFalse(point(3, 2.0).evaluation().loss() == otherSeed.points().get(0).evaluation().loss(),
                "another seed, other noise");
    }

    @Test
    void theCsvHasARowPerPointAndThePngIsAChartOfTheExpectedSize() throws Exception {
        List<Path> files = SweepReport.write(tmp, result);
        assertEquals(List.of(tmp.resolve("memristor-sweep.csv"), tmp.resolve("memristor-sweep.png")), files);
        List<String> lines = Files.readAllLines(files.get(0));
        assertEquals("bits,noise_scale,accuracy,loss,energy_joules,energy_array_joules,energy_converter_joules,"
                + "latency_seconds,crossbar_products,crossbar_reads,crossbar_macs,converter_conversions,"
                + "cpu_accuracy,cpu_loss", lines.get(0));
        assertEquals(1 + 14, lines.size());
        String[] first = lines.get(1).split(",");
        assertEquals("2", first[0]);
        assertEquals("0.0", first[1]);
        assertEquals(point(2, 0.0).evaluation().accuracy(), Double.parseDouble(first[2]));
        assertEquals(result.cpu().accuracy(), Double.parseDouble(first[12]));
        assertTrue(lines.get(14).startsWith("8,2.0,"), lines.get(14));

        byte[] png = Files.readAllBytes(files.get(1));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, Arrays.copyOf(png, 8));
        BufferedImage image = ImageIO.read(files.get(1).toFile());
        assertEquals(SweepReport.WIDTH, image.getWidth());
        assertEquals(SweepReport.HEIGHT, image.getHeight());
        try (var listing = Files.list(tmp)) {
            assertEquals(2, listing.count(), "no temporary files left behind");
        }
    }
}
