package io.engram.app.speech.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Features of {@code chirp-8k.wav} against {@code features-reference.txt}, both written by
 * {@code benchmarks/speech/features_reference.py} (numpy, from the textbook definitions).
 */
class FeaturesTest {

    private record Reference(Map<String, String> settings, double[][] values) {
    }

    private static List<Reference> references() throws IOException {
        List<Reference> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                FeaturesTest.class.getResourceAsStream("features-reference.txt"), StandardCharsets.UTF_8))) {
            Map<String, String> settings = null;
            List<double[]> rows = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("#") || line.startsWith("shape")) {
                    continue;
                }
                if (line.startsWith("settings ")) {
                    settings = new LinkedHashMap<>();
                    for (String kv : line.substring(9).split(" ")) {
                        settings.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
                    }
                    rows.clear();
                } else if (line.equals("end")) {
                    out.add(new Reference(settings, rows.toArray(new double[0][])));
                } else {
                    rows.add(Arrays.stream(line.split(" ")).mapToDouble(Double::parseDouble).toArray());
                }
            }
        }
        return out;
    }

    private static byte[] chirp() throws IOException {
        try (InputStream in = FeaturesTest.class.getResourceAsStream("chirp-8k.wav")) {
            return in.readAllBytes();
        }
    }

    @Test
    void mfccAndLogMelEqualTheNumpyReference() throws IOException {
        Audio audio = WavReader.read("chirp-8k.wav", chirp());
        assertEquals(3200, audio.samples().length);
        List<Reference> refs = references();
        assertEquals(2, refs.size());
        for (Reference r : refs) {
            Map<String, String> s = r.settings();
            FeatureSettings fs = new FeatureSettings(8000, Double.parseDouble(s.get("window_ms")),
                    Double.parseDouble(s.get("hop_ms")), s.get("window"), Integer.parseInt(s.get("nfft")),
                    Integer.parseInt(s.get("mels")), s.get("kind"), Integer.parseInt(s.get("ceps")),
                    Integer.parseInt(s.get("deltas")), Integer.parseInt(s.get("stack")));
            double[][] got = new Features(fs).of(audio);
            assertEquals(r.values().length, got.length, s.get("name") + ": steps");
            assertEquals(fs.inputSize(), got[0].length, s.get("name") + ": input size");
            for (int t = 0; t < got.length; t++) {
                assertEquals(r.values()[t].length, got[t].length);
                for (int i = 0; i < got[t].length; i++) {
                    assertEquals(r.values()[t][i], got[t][i], 1e-8, s.get("name") + ": step " + t + ", value " + i);
                }
            }
        }
    }

    @Test
    void theFilterbankFollowsTheHtkMelScale() {
        assertEquals(1000, MelFilterbank.mel(1000), 0.5, "1000 Hz is about 1000 mel");
        assertEquals(440, MelFilterbank.hz(MelFilterbank.mel(440)), 1e-9);
        MelFilterbank fb = MelFilterbank.of(8000, 256, 26);
        assertEquals(-1, fb.emptyBand());
        assertTrue(MelFilterbank.of(8000, 64, 60).emptyBand() >= 0, "60 bands over 33 bins leave some empty");
        double[] flat = new double[129];
        Arrays.fill(flat, 1);
        double[] e = fb.apply(flat);
        assertTrue(e[25] > e[0], "higher bands are wider on the mel scale");
    }

    @Test
    void dctAndDeltasAreTheTextbookOnes() {
        // a constant log spectrum has only c0 = sqrt(M) * value
        double[] c = Features.dct(new double[] {2, 2, 2, 2}, 3);
        assertEquals(4.0, c[0], 1e-12);
        assertEquals(0.0, c[1], 1e-12);
        // a ramp has delta 1 inside and less at the edges (repeated frames)
        double[][] ramp = {{0}, {1}, {2}, {3}, {4}, {5}};
        double[][] d = Features.delta(ramp);
        assertEquals(1.0, d[2][0], 1e-12);
        assertEquals(0.5, d[0][0], 1e-12);
        double[][] stacked = Features.stacked(new double[][] {{1}, {2}, {3}}, 2);
        assertEquals(2, stacked.length);
        assertEquals(3.0, stacked[1][1], 0.0, "the last step repeats the last frame");
    }
}
