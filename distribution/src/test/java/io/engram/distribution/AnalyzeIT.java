package io.engram.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Models trained by {@code engram run}, then analysed as dynamical systems by {@code engram analyze}, as processes. */
class AnalyzeIT {

    static final Duration LIMIT = Duration.ofSeconds(180);

    @TempDir
    static Path tmp;
    static Path home;

    @BeforeAll
    static void install() throws Exception {
        home = Installation.copy(tmp);
    }

    @Test
    void aTrainedElmanNetworkSettlesInAStableFixedPointWhoseSpectralRadiusIsItsLyapunovExponent() throws Exception {
        Path spec = Specs.write(tmp, "elman.properties", """
                job.name=elman
                seed=3
                backend=cpu
                dtype=f64
                model.family=elman
                model.hidden=8
                model.activation=tanh
                trainer=bptt
                trainer.epochs=5
                trainer.batch.size=16
                trainer.lr=0.01
                data.app=grammar
                data.task=reber
                data.train.size=100
                data.validation.size=20
                data.test.size=20
                checkpoint=elman.ckpt
                """);
        try (EngramProcess p = EngramProcess.start(home, Map.of(), "run", spec.toString())) {
            assertEquals(0, p.waitFor(LIMIT), p.transcript());
        }
        Path png = tmp.resolve("elman.png");
        JsonNode json;
        try (EngramProcess p = EngramProcess.start(home, Map.of(), "analyze", "--json", "--starts", "16",
                "--trajectories", "4", "--length", "100", "--png", png.toString(), "elman")) {
            assertEquals(0, p.waitFor(LIMIT), p.transcript());
            json = new ObjectMapper().readTree(p.out());
            assertTrue(p.err().contains("phase portrait written to " + png), p.transcript());
        }
        assertEquals("elman", json.get("family").asText());
        assertEquals(8, json.get("dimension").asInt());
        assertEquals("discrete", json.get("time").asText());
        assertTrue(json.get("autodiff").asBoolean());
        assertTrue(json.get("fixed_points").size() >= 1, json.toString());
        for (JsonNode p : json.get("fixed_points")) {
            assertTrue(p.get("q").asDouble() < 1e-8, "a fixed point: " + p);
            double radius = 0;
            int outside = 0;
            for (int i = 0; i < 8; i++) {
                double m = Math.hypot(p.get("eigenvalues_re").get(i).asDouble(), p.get("eigenvalues_im").get(i).asDouble());
                radius = Math.max(radius, m);
                outside += m < 1 ? 0 : 1;
            }
            assertEquals(radius, p.get("spectral_radius").asDouble(), 1e-12);
            assertEquals(outside, p.get("unstable_directions").asInt());
            assertEquals(outside == 0 ? "stable" : outside == 8 ? "unstable" : "saddle", p.get("stability").asText());
        }
        double lyapunov = json.get("lyapunov").get("per_step").asDouble();
        assertTrue(lyapunov < 0, "the autonomous dynamics contract: " + lyapunov);
        boolean matched = false;
        for (JsonNode p : json.get("fixed_points")) {
            matched |= p.get("stability").asText().equals("stable")
                    && Math.abs(Math.log(p.get("spectral_radius").asDouble()) - lyapunov) < 2e-3;
        }
        assertTrue(matched, "the trajectory ends in a stable fixed point, whose log spectral radius is the exponent "
                + lyapunov + ": " + json.get("fixed_points"));
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 4);
        assertEquals("\u0089PNG", new String(head, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Test
    void aHopfieldMemoryIsAnalysedWithoutGradientsAndItsAttractorsAreSuperstable() throws Exception {
        Path spec = Specs.write(tmp, "hopfield.properties", """
                job.name=hopfield
                seed=1
                backend=cpu
                dtype=f64
                model.family=hopfield
                model.units=32
                trainer=hebbian
                data.app=patterns
                data.size=32
                data.load=0.1
                data.test.size=10
                checkpoint=hopfield.ckpt
                """);
        try (EngramProcess p = EngramProcess.start(home, Map.of(), "run", spec.toString())) {
            assertEquals(0, p.waitFor(LIMIT), p.transcript());
        }
        try (EngramProcess p = EngramProcess.start(home, Map.of(), "analyze", "--starts", "32", "--trajectories", "16",
                "--length", "20", "--steps", "50", "--transient", "0", home.resolve("data/models/hopfield/1/model.ckpt").toString())) {
            assertEquals(0, p.waitFor(LIMIT), p.transcript());
            String out = p.out();
            assertTrue(out.contains("(hopfield), state of 32 values, discrete time"), out);
            assertTrue(out.contains("map iteration, central-difference Jacobians: the network is not differentiable"), out);
            assertTrue(java.util.regex.Pattern.compile("(?m)^  #\\d+ stable  \\|h\\| 5\\.6569 .* spectral radius 0\\.0000 ")
                    .matcher(out).find(), "a bipolar state of 32 units (|h| = sqrt 32) with a zero Jacobian: " + out);
            assertTrue(out.contains("from 16 random states: -inf to -inf per step"), out);
        }
        try (EngramProcess p = EngramProcess.start(home, Map.of(), "analyze", "nosuch")) {
            assertEquals(2, p.waitFor(LIMIT), p.transcript());
            assertTrue(p.err().startsWith("engram analyze: "), p.transcript());
        }
    }
}
