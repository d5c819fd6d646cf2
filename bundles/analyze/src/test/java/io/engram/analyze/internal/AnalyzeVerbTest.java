package io.engram.analyze.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.engram.api.CheckpointMetadata;
import io.engram.api.HyperParameter;
import io.engram.api.Hyperparameters;
import io.engram.api.Network;
import io.engram.api.Schema;
import io.engram.kernel.PluginInfo;
import io.engram.kernel.PluginKind;
import io.engram.kernel.PluginRegistry;
import io.engram.kernel.Predictor;
import io.engram.store.ModelStore;
import io.vavr.control.Try;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verb from its arguments to its output, on a linear network behind a stand-in predictor and store. */
class AnalyzeVerbTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private static final double[][] W = TestNetworks.similar(new double[] {0.9, -0.3}, new double[][] {{0.5, 0.6}}, 11);

    @Test
    void printsJsonAndWritesThePhasePortrait() throws Exception {
        Path ckpt = Files.writeString(dir.resolve("linear.ckpt"), "stand-in");
        Path png = dir.resolve("portrait.png");
        int status = run("--json", "--starts", "8", "--length=40", "--steps", "300", "--png", png.toString(), ckpt.toString());
        assertEquals(0, status, err.toString());
        JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals("linear", json.get("family").asText());
        assertEquals("discrete", json.get("time").asText());
        assertEquals(4, json.get("dimension").asInt());
        assertEquals(1, json.get("fixed_points").size());
        JsonNode p = json.get("fixed_points").get(0);
        assertEquals("stable", p.get("stability").asText());
        assertEquals(0.9, p.get("spectral_radius").asDouble(), 1e-9);
        assertEquals(8, p.get("found").asInt());
        assertEquals(Math.log(0.9), json.get("lyapunov").get("per_step").asDouble(), 1e-6);
        assertTrue(json.get("lyapunov").get("per_unit_time").isNull());
        assertEquals(8, json.get("lyapunov_from_random_states").size());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(PhasePortrait.WIDTH, image.getWidth());
        assertEquals(PhasePortrait.HEIGHT, image.getHeight());
        try (var files = Files.list(dir)) {
            assertEquals(List.of("linear.ckpt", "portrait.png"), files.map(f -> f.getFileName().toString()).sorted().toList(),
                    "no temporary file is left");
        }
    }

    @Test
    void printsATextSummary() throws Exception {
        Path ckpt = Files.writeString(dir.resolve("linear.ckpt"), "stand-in");
        assertEquals(0, run("--starts", "4", "--length", "20", "--steps", "100", "--trajectories", "2", ckpt.toString()));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("(linear), state of 4 values, discrete time"), text);
        assertTrue(text.contains("fixed points: 1 from 4 starts"), text);
        assertTrue(text.contains("1 stable, 0 saddles, 0 unstable"), text);
        assertTrue(text.contains("eigenvalues: 0.9000, 0.5000+0.6000i, 0.5000-0.6000i, -0.3000"), text);
        assertTrue(text.contains("largest Lyapunov exponent: -0.1054 per step"), text);
        assertTrue(text.contains("from 2 random states"), text);
    }

    @Test
    void aRegisteredModelIsResolvedByTheStore() {
        assertEquals(2, run("nosuch@2"));
        assertEquals("engram analyze: no model 'nosuch@2'\n", err.toString());
    }

    @Test
    void badOptionsAreNamedTogether() {
        assertEquals(2, run("--starts", "0", "--lr=-1", "--bogus", "x", "a.ckpt"));
        String e = err.toString();
        assertTrue(e.contains("--starts: expected an integer in [1, 100000], got '0'"), e);
        assertTrue(e.contains("--lr: expected a number above 0, got '-1'"), e);
        assertTrue(e.contains("unknown option --bogus"), e);
        assertTrue(e.contains("usage: engram analyze"), e);
        assertEquals("", out.toString());
    }

    @Test
    void anInputOfTheWrongWidthOrMalformedSequencesAreRejected() throws Exception {
        Path ckpt = Files.writeString(dir.resolve("linear.ckpt"), "stand-in");
        assertEquals(2, run("--input", "1,2", ckpt.toString()));
        assertTrue(err.toString().contains("--input: the model takes 1 inputs, got 2 values"), err.toString());
        err.reset();
        Path seqs = Files.writeString(dir.resolve("in.txt"), "# inputs\n0.5; 1\n0.1; x; 2,3\n");
        assertEquals(2, run("--inputs", seqs.toString(), ckpt.toString()));
        String e = err.toString();
        assertTrue(e.contains("in.txt:3: step 2 value 1: 'x' is not a finite number"), e);
        assertTrue(e.contains("in.txt:3: step 3: expected 1 values, got 2"), e);
    }

    @Test
    void inputSequencesDriveTrajectoriesAndAnExponent() throws Exception {
        Path ckpt = Files.writeString(dir.resolve("linear.ckpt"), "stand-in");
        Path seqs = Files.writeString(dir.resolve("in.txt"), "1; 0; 0; 0; 0; 0; 0; 0; 0; 0; 0; 0\n0.5; -0.5; 0.25\n");
        assertEquals(0, run("--json", "--starts", "4", "--length", "20", "--steps", "100", "--inputs", seqs.toString(),
                ckpt.toString()), err.toString());
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("\"driven by sequence 2\""), text);
        assertFalse(text.contains("\"lyapunov_driven\" : null"), text);
        out.reset();
        assertEquals(0, run("--starts", "4", "--length", "20", "--steps", "100", "--inputs", seqs.toString(),
                ckpt.toString()), err.toString());
        text = out.toString(StandardCharsets.UTF_8);
        // a linear map's exponent is log 0.9 whatever drives it; 12 + 3 steps, the first tangent not yet aligned
        assertTrue(text.contains("largest Lyapunov exponent, input-driven: "), text);
        assertTrue(text.contains("(15 steps of the input sequences)"), text);
        assertTrue(text.contains("trajectories: 9 of 20 steps and 2 driven by the input sequences;"), text);
    }

    @Test
    void continuousTimeFamiliesAreKnownByTheirSchema() {
        Schema ctrnn = Schema.of(HyperParameter.real("dt", 0.1, 1e-6, 100, "h"), HyperParameter.integer("substeps", 10, 1, 1000, "s"));
        assertEquals(Optional.of(0.25 * 10), AnalyzeVerb.stepDuration(ctrnn, Hyperparameters.of(Map.of("dt", 0.25))));
        assertEquals(Optional.of(0.25 * 4), AnalyzeVerb.stepDuration(ctrnn, Hyperparameters.of(Map.of("dt", 0.25, "substeps", 4))));
        assertEquals(Optional.empty(), AnalyzeVerb.stepDuration(Schema.of(HyperParameter.real("dt", 0.1, 0, 1, "h")),
                Hyperparameters.empty()));
    }

    private int run(String... args) {
        Network net = TestNetworks.linear(W, 1);
        Predictor predictor = new Predictor() {
            @Override
            public Try<CheckpointMetadata> describe(Path checkpoint) {
                return Try.success(new CheckpointMetadata(1, "test", "1.0.0", net.spec(), null));
            }

            @Override
            public Try<List<double[][]>> predict(Path checkpoint, List<double[][]> inputs) {
                return Try.failure(new UnsupportedOperationException());
            }

            @Override
            public Try<RestoredModel> restore(Path checkpoint) {
                return describe(checkpoint).map(m -> new RestoredModel(m, net, TestNetworks.OPS));
            }
        };
        ModelStore store = (ModelStore) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ModelStore.class}, (proxy, method, a) -> {
                    if (method.getName().equals("checkpoint")) {
                        return Try.failure(new IllegalArgumentException("no model '" + a[0] + "'"));
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        PluginRegistry registry = new PluginRegistry() {
            @Override
            public List<PluginInfo> plugins() {
                return List.of();
            }

            @Override
            public Optional<PluginInfo> find(PluginKind kind, String id, String versionRange) {
                return Optional.of(new PluginInfo(id, kind, "1.0.0", "test", 1, Set.of(), true, "", "", Schema.empty(), Set.of()));
            }
        };
        return new AnalyzeVerb(predictor, store, registry).apply(Map.of("args", new ArrayList<>(List.of(args)),
                "out", new PrintStream(out, true, StandardCharsets.UTF_8), "err", new PrintStream(err, true, StandardCharsets.UTF_8)));
    }
}
