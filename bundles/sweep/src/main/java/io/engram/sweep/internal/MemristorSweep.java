package io.engram.sweep.internal;

import io.engram.api.Application;
import io.engram.api.Batch;
import io.engram.api.Dataset;
import io.engram.api.Loss;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.backend.memristor.DeviceModel;
import io.engram.backend.memristor.MemristorBackend;
import io.engram.tensor.Backend;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import io.engram.train.Losses;
import io.engram.train.SequenceGradients;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Evaluates one trained network on simulated memristor crossbars over a grid of bit depths and
 * noise levels, and on the CPU for reference.
 *
 * <p>A grid point {@code (bits, noise)} is the PCM model of {@link DeviceModel#pcm()} with DAC and
 * ADC of {@code bits} bits (sign included), {@code 2^bits} conductance levels per device, and its
 * programming, read and drift noise scaled by {@code noise}. At each point the network is restored
 * from the same parameters on a fresh {@link MemristorBackend} of the sweep's seed, then the
 * application's {@code accuracy} on the test set is measured (its energy, latency and crossbar
 * counts are that pass's growth of the backend's {@link Backend#meter()}), then the test loss with a
 * second pass. Each point has its own backend and runs on one thread, so the results are the same
 * whatever the number of threads.
 *
 * <p>Stateless apart from its inputs; {@link #run} may be called from any thread.
 */
final class MemristorSweep {
    /** Sequences run together when the loss is computed. */
    static final int BATCH = 64;
    /** The application metric swept. */
    static final String METRIC = "accuracy";

    /** The result of one evaluation: the metric, the loss and the metered cost of the metric's pass. */
    record Evaluation(double accuracy, double loss, Map<String, Double> cost) {
        Evaluation {
            cost = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(cost));
        }
    }

    /** One grid point. */
    record Point(int bits, double noise, Evaluation evaluation) {
    }

    /** The CPU reference and every grid point, bits outer, noise inner, in the order asked. */
    record Result(Evaluation cpu, List<Point> points) {
        Result {
            points = List.copyOf(points);
        }
    }

    private final Backend cpu;
    private final NetworkFamily family;
    private final Application application;
    private final ModelSpec spec;
    private final Map<String, Tensor> parameters;
    private final Dataset test;
    private final Loss loss;

    /**
     * @param cpu        the digital backend: the reference, and the host of every crossbar
     * @param family     the family that restores the network
     * @param application the application whose {@value #METRIC} is measured
     * @param spec       the network's spec, as in its checkpoint
     * @param parameters its trained parameters
     * @param test       the held-apart data it is measured on
     * @param lossId     the task's loss ({@link Losses#ids()})
     */
    MemristorSweep(Backend cpu, NetworkFamily family, Application application, ModelSpec spec,
                   Map<String, Tensor> parameters, Dataset test, String lossId) {
        this.cpu = cpu;
        this.family = family;
        this.application = application;
        this.spec = spec;
        this.parameters = Map.copyOf(parameters);
        this.test = test;
        this.loss = Losses.of(lossId);
    }

    /** The crossbar of a grid point. */
    static DeviceModel device(int bits, double noise) {
        DeviceModel pcm = DeviceModel.pcm();
        return pcm.withNoise(noise).withConverters(bits, bits, pcm.dacEnergyJoules(), pcm.adcEnergyJoules())
                .withLevels(1 << bits);
    }

    /**
     * Evaluates the CPU reference, then every point of {@code bits} x {@code noise} on
     * {@code threads} threads, telling {@code notes} about each as it ends.
     *
     * @throws InterruptedException when the caller is interrupted; the points still running stop
     */
    Result run(List<Integer> bits, List<Double> noise, long seed, int threads, Consumer<String> notes)
            throws InterruptedException {
        Evaluation reference = evaluate(cpu);
        notes.accept(String.format(Locale.ROOT, "cpu: %s %.4f, loss %.4f", METRIC, reference.accuracy(),
                reference.loss()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "engram-sweep");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Point>> running = new ArrayList<>();
            for (int b : bits) {
                for (double n : noise) {
                    running.add(pool.submit(() -> {
                        Point p = new Point(b, n, evaluate(new MemristorBackend(device(b, n), seed, cpu)));
                        notes.accept(String.format(Locale.ROOT, "%d bits, noise x%s: %s %.4f, loss %.4f, %.3g J", b,
                                n, METRIC, p.evaluation().accuracy(), p.evaluation().loss(),
                                p.evaluation().cost().getOrDefault("energy.joules", 0.0)));
                        return p;
                    }));
                }
            }
            List<Point> points = new ArrayList<>();
            for (Future<Point> f : running) {
                points.add(f.get());
            }
            return new Result(reference, points);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The network restored on {@code backend}, measured on the test set. */
    Evaluation evaluate(Backend backend) {
        try {
            Ops ops = backend.ops();
            Map<String, Tensor> onBackend = new LinkedHashMap<>();
            parameters.forEach((name, t) -> onBackend.put(name, ops.fromArray(t.dtype(), t.shape(), t.toDoubleArray())));
            Network network = family.restore(spec, backend, onBackend);
            Map<String, Double> before = backend.meter();
            Map<String, Double> metrics = application.evaluate(network, ops, test);
            Map<String, Double> cost = new LinkedHashMap<>();
            backend.meter().forEach((k, v) -> cost.put(k, v - before.getOrDefault(k, 0.0)));
            Double accuracy = metrics.get(METRIC);
            if (accuracy == null) {
                throw new IllegalStateException("the application '" + application.id() + "' reports no " + METRIC
                        + " (it reports: " + String.join(", ", metrics.keySet()) + ")");
            }
            return new Evaluation(accuracy, loss(network, ops), cost);
        } finally {
            backend.release();
        }
    }

    /** The mean loss per target of the test set, as the trainers compute the validation loss. */
    private double loss(Network network, Ops ops) {
        Map<String, Tensor> params = network.parameters();
        double sum = 0;
        int targets = 0;
        for (Batch b : test.batches(BATCH)) {
            sum += SequenceGradients.lossSum(ops, network, params, b, loss, false, 0L);
            targets += b.targetCount();
        }
        return targets == 0 ? Double.NaN : sum / targets;
    }
}
