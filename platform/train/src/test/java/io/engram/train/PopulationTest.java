package io.engram.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Dataset;
import io.engram.api.Sequence;
import io.engram.api.TrainingContext;
import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PopulationTest {
    private final MeteredBackend backend = new MeteredBackend(new CpuBackend(1));
    private final Ops ops = backend.ops();
    private final TanhRnn network = new TanhRnn(ops, 2, 4, 1, DType.F64, 3);

    private TrainingContext context(DriftEnvironment env, int workers) {
        return new SimpleTrainingContext.Builder(network, backend).environment(env)
                .workers(task -> new Thread(task).start(), workers).build();
    }

    /** {@code n} Gaussian perturbations (standard deviation 0.5) of the network's parameters. */
    private List<Map<String, Tensor>> candidates(int n) {
        List<Map<String, Tensor>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SplittableRandom r = new SplittableRandom(100 + i);
            Map<String, Tensor> p = new LinkedHashMap<>();
            network.parameters().forEach((name, t) -> {
                double[] v = t.toDoubleArray();
                for (int k = 0; k < v.length; k++) {
                    v[k] += 0.5 * r.nextGaussian();
                }
                p.put(name, ops.fromArray(t.dtype(), t.shape(), v));
            });
            out.add(p);
        }
        return out;
    }

    private static long[] bits(double[] v) {
        return Arrays.stream(v).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    @Test
    void sixtyFourCandidatesGiveBitIdenticalFitnessesOnOneAndTwoWorkers() {
        List<Map<String, Tensor>> c = candidates(64);
        double[] one = context(new DriftEnvironment(), 1).populationFitness(c, 42, 3);
        double[] two = context(new DriftEnvironment(), 2).populationFitness(c, 42, 3);
        assertArrayEquals(bits(one), bits(two));
        assertTrue(Arrays.stream(one).distinct().count() > 32, "candidates differ: " + Arrays.toString(one));
        for (int i : new int[] {0, 17, 63}) {
            double direct = Episodes.meanFitness(network, ops, c.get(i), new DriftEnvironment(), Seeds.of(42, i), 3);
            assertEquals(direct, one[i], 0.0, "candidate " + i + " as run alone with seed Seeds.of(42, i)");
        }
        double[] otherSeed = context(new DriftEnvironment(), 2).populationFitness(c, 43, 3);
        assertFalse(Arrays.equals(one, otherSeed), "another generation seed, other episodes");
    }

    @Test
    void cancellationIsCheckedBetweenCandidates() {
        DriftEnvironment env = new DriftEnvironment();
        TrainingContext c = new SimpleTrainingContext.Builder(network, backend).environment(env)
                .workers(task -> new Thread(task).start(), 1).cancelled(() -> env.started.get() >= 5).build();
        double[] f = c.populationFitness(candidates(12), 7, 1);
        for (int i = 0; i < 12; i++) {
            assertEquals(i < 5, Double.isFinite(f[i]), "candidate " + i + ": " + Arrays.toString(f));
        }
        assertEquals(5, env.started.get(), "episodes started");
    }

    @Test
    void eachWorkerReleasesTheBackendAndItsMeterIsAdded() {
        Map<String, Double> metered = new ConcurrentHashMap<>();
        Thread caller = Thread.currentThread();
        AtomicInteger tasks = new AtomicInteger();
        TrainingContext c = new SimpleTrainingContext.Builder(network, backend).environment(new DriftEnvironment())
                .workers(task -> {
                    tasks.incrementAndGet();
                    new Thread(task).start();
                }, 3)
                .meter(m -> m.forEach((k, v) -> metered.merge(k, v, Double::sum))).build();
        c.populationFitness(candidates(10), 1, 1);
        assertEquals(3, tasks.get());
        assertEquals(3, backend.released.size(), "threads that released the backend");
        assertFalse(backend.released.contains(caller), "the caller's thread is the job's to release");
        assertEquals(Map.of("ops.calls", 3.0), metered, "one ops() per worker, added to the job's meter");
    }

    @Test
    void aWorkerOnTheCallersThreadLeavesReleaseAndMeterToTheCaller() {
        Map<String, Double> metered = new ConcurrentHashMap<>();
        TrainingContext c = new SimpleTrainingContext.Builder(network, backend).environment(new DriftEnvironment())
                .workers(Runnable::run, 1).meter(metered::putAll).build();
        double[] f = c.populationFitness(candidates(4), 1, 1);
        assertEquals(4, Arrays.stream(f).filter(Double::isFinite).count());
        assertTrue(backend.released.isEmpty());
        assertTrue(metered.isEmpty());
    }

    @Test
    void lossesOfCandidatesMatchSequentialLossesOnAnyWorkerCount() {
        SplittableRandom r = new SplittableRandom(5);
        List<Sequence> seqs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            double[][] x = new double[3 + i % 4][2];
            double[][] y = new double[x.length][1];
            for (int t = 0; t < x.length; t++) {
                x[t][0] = r.nextDouble(-1, 1);
                y[t][0] = x[t][0] / 2;
            }
            seqs.add(Sequence.perStep(x, y));
        }
        Dataset data = new Dataset(seqs, 2, 1);
        List<Map<String, Tensor>> c = candidates(9);
        double[] one = new SimpleTrainingContext.Builder(network, backend).train(data)
                .workers(task -> new Thread(task).start(), 1).build().populationLoss(c, data, 3);
        double[] two = new SimpleTrainingContext.Builder(network, backend).train(data)
                .workers(task -> new Thread(task).start(), 2).build().populationLoss(c, data, 3);
        assertArrayEquals(bits(one), bits(two));
        double sum = 0;
        int targets = 0;
        for (var b : data.batches(32)) {
            sum += SequenceGradients.lossSum(ops, network, c.get(4), b, Losses.of("mse"), false, 0);
            targets += b.targetCount();
        }
        assertEquals(sum / targets, one[4], 0.0, "candidate 4's loss, summed over targets and divided by them");
    }

    @Test
    void unknownOrMisshapenParametersAreRefusedByName() {
        TrainingContext c = context(new DriftEnvironment(), 2);
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                () -> c.populationFitness(List.of(Map.of(), Map.of("nope", ops.zeros(DType.F64, network.parameters()
                        .get("c").shape()))), 1, 1));
        assertTrue(x.getMessage().contains("candidate 1: unknown parameter 'nope'"), x.getMessage());
        IllegalStateException y = assertThrows(IllegalStateException.class, () -> new SimpleTrainingContext.Builder(
                network, backend).train(new Dataset(List.of(), 2, 1)).build().populationFitness(List.of(), 1, 1));
        assertTrue(y.getMessage().contains("environment"), y.getMessage());
    }
}
