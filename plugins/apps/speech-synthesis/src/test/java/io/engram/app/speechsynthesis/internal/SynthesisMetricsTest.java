package io.engram.app.speechsynthesis.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.engram.api.Dataset;
import io.engram.api.TaskData;
import io.engram.testkit.ReferenceBackend;
import io.engram.testkit.ReferenceRnn;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The baselines' pieces, and the metrics of a network that is not an encoder-decoder. */
class SynthesisMetricsTest {

    @Test
    void stretchingRepeatsTheNearestFrames() {
        double[][] f = {{1}, {2}, {3}};
        assertArrayEquals(new double[][] {{1}, {2}, {2}, {3}, {3}}, SynthesisMetrics.stretch(f, 5));
        assertArrayEquals(new double[][] {{1}, {3}}, SynthesisMetrics.stretch(f, 2));
        assertArrayEquals(new double[][] {{1}}, SynthesisMetrics.stretch(f, 1));
    }

    @Test
    void theNearestUtteranceIsTheFirstOfTheNearestLength() {
        List<SynthesisContext.Utterance> training = List.of(utterance("a", 2), utterance("b", 5), utterance("c", 7),
                utterance("d", 5));
        SynthesisContext ctx = new SynthesisContext(null, null, new double[1], new double[1], List.of(), training, Map.of());
        assertSame(training.get(1), SynthesisMetrics.nearest(ctx, 5));
        assertSame(training.get(1), SynthesisMetrics.nearest(ctx, 4), "4 is 1 from 5 and 2 from 2");
        assertSame(training.get(0), SynthesisMetrics.nearest(ctx, 1));
        assertSame(training.get(2), SynthesisMetrics.nearest(ctx, 30));
    }

    @Test
    void aNetworkWithoutDecoderIsScoredOnItsStepOutputs() {
        TaskData data = SynthesisData.load(SynthesisData.validated(Map.of("manifest",
                SpeechSynthesisConformanceTest.corpus("train.tsv").toString(), "test.manifest",
                SpeechSynthesisConformanceTest.corpus("test.tsv").toString())), 1);
        ReferenceRnn family = new ReferenceRnn();
        ReferenceBackend backend = new ReferenceBackend();
        var net = family.create(new io.engram.api.ModelSpec(family.id(), data.inputSize(), data.outputSize(),
                io.engram.tensor.DType.F64, family.schema().validate(Map.of("hidden", "3"), "model.").get()), backend, 2);
        Dataset test = data.test();
        Map<String, Double> m = new SpeechSynthesisApplication().evaluate(net, backend.ops(), test, 1);
        assertEquals(List.of("mcd", "baseline.mcd", "nearest.mcd", "length.error"), List.copyOf(m.keySet()));
        assertEquals(m, new SpeechSynthesisApplication().evaluate(net, backend.ops(), test, 1), "deterministic");
        for (double v : m.values()) {
            assertEquals(true, Double.isFinite(v) && v >= 0, m.toString());
        }
    }

    private static SynthesisContext.Utterance utterance(String name, int symbols) {
        return new SynthesisContext.Utterance(name, new int[symbols], new double[][] {{0}}, false);
    }
}
