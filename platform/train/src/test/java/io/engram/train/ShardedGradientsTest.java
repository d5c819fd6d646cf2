package io.engram.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Dataset;
import io.engram.api.Hyperparameters;
import io.engram.api.Sequence;
import io.engram.api.TrainingResult;
import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A context that offers {@link ShardedGradients} gets every batch's loss and gradients from them:
 * training whose batches are computed in two shards, the sums added, ends with the parameters of
 * training that computes each batch in one piece, to rounding; and the shards see each batch's
 * sequences exactly once, in the batches of a plain run.
 */
class ShardedGradientsTest {
    private final CpuBackend backend = new CpuBackend(1);
    private final Dataset train = Fixtures.dataset(3, 2, 2, 3, 5, 4, 6, 3, 4, 5, 6, 3, 4, 2);
    private final Dataset validation = Fixtures.dataset(4, 2, 2, 4, 3, 5, 6);

    @Test
    void twoShardsEndWithTheParametersOfOnePieceToRounding() {
        for (boolean byLength : new boolean[] {false, true}) {
            Map<String, String> h = new LinkedHashMap<>(Map.of("epochs", "4", "batch.size", "4", "lr", "0.05",
                    "optimizer", "adam", "clip", "1.0"));
            if (byLength) {
                h.put("batch.by.length", "true");
            }
            double[] plain = train(h, false, new ArrayList<>());
            List<Integer> seen = new ArrayList<>();
            double[] sharded = train(h, true, seen);
            assertEquals(plain.length, sharded.length);
            for (int i = 0; i < plain.length; i++) {
                assertEquals(plain[i], sharded[i], 1e-12 * Math.max(1, Math.abs(plain[i])), "parameter " + i);
            }
            assertEquals(4 * train.size(), seen.size(), "every sequence once per epoch");
        }
    }

    private double[] train(Map<String, String> hyper, boolean sharded, List<Integer> seen) {
        TanhRnn net = new TanhRnn(backend.ops(), 2, 4, 2, DType.F64, 1);
        Hyperparameters h = TrainingSchema.bptt().validate(hyper, "trainer.").get();
        GradientMethod method = SequenceGradients.bptt();
        SimpleTrainingContext.Builder b = new SimpleTrainingContext.Builder(net, backend)
                .train(train).validation(validation).loss("mse").hyper(h).seed(7);
        if (sharded) {
            b.shardedGradients((params, batch, seed) -> {
                batch.forEach(s -> seen.add(train.sequences().indexOf(s)));
                int half = (batch.size() + 1) / 2;
                List<Sequence> first = batch.subList(0, half);
                List<Sequence> second = batch.subList(half, batch.size());
                LossAndGradients a = piece(method, net, params, first, seed);
                if (second.isEmpty()) {
                    return a;
                }
                LossAndGradients c = piece(method, net, params, second, seed);
                int targets = a.targets() + c.targets();
                Map<String, Tensor> g = new LinkedHashMap<>();
                a.gradients().forEach((k, v) -> g.put(k, backend.ops().scale(backend.ops().add(
                        backend.ops().scale(v, a.targets()), backend.ops().scale(c.gradients().get(k), c.targets())),
                        1.0 / targets)));
                return new LossAndGradients((a.loss() * a.targets() + c.loss() * c.targets()) / targets, g, targets);
            });
        }
        TrainingResult r = GradientTraining.run(b.build(), method);
        assertTrue(r.metrics().containsKey("loss"), r.toString());
        List<Double> out = new ArrayList<>();
        net.parameters().values().forEach(t -> {
            for (double v : t.toDoubleArray()) {
                out.add(v);
            }
        });
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private LossAndGradients piece(GradientMethod method, TanhRnn net, Map<String, Tensor> params, List<Sequence> part,
                                   long seed) {
        Dataset d = new Dataset(part, train.inputSize(), train.outputSize());
        return method.compute(backend.ops(), net, params, d.batches(part.size()).get(0), io.engram.train.Losses.of("mse"),
                seed);
    }
}
