package io.engram.kernel.internal;

import io.engram.api.Application;
import io.engram.api.Capability;
import io.engram.api.DataShape;
import io.engram.api.Dataset;
import io.engram.api.Environment;
import io.engram.api.Episode;
import io.engram.api.HyperParameter;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.PluginProperties;
import io.engram.api.Problem;
import io.engram.api.Schema;
import io.engram.api.Sequence;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.api.TaskData;
import io.engram.api.Trainer;
import io.engram.api.TrainingContext;
import io.engram.api.TrainingEvent;
import io.engram.api.TrainingResult;
import io.engram.api.Transition;
import io.engram.kernel.PluginKind;
import io.engram.tensor.Availability;
import io.engram.tensor.Backend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Try;
import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Tiny fake plugins for the kernel's tests, and a plugin table holding them. */
final class Fakes {

    private Fakes() {
    }

    private static final AtomicLong SERVICE_IDS = new AtomicLong(100);

    /**
     * A plugin table with: family toy 1.0.0 and 1.5.0, trainers toy and hebb, app toy, backends cpu and gpu,
     * losses mse and softmax-ce.
     */
    static PluginTable table() {
        PluginTable t = new PluginTable();
        add(t, PluginKind.FAMILY, "toy", "1.0.0", new ToyFamily("1.0.0"), Set.of(Capability.DIFFERENTIABLE));
        add(t, PluginKind.FAMILY, "toy", "1.5.0", new ToyFamily("1.5.0"), Set.of(Capability.DIFFERENTIABLE));
        add(t, PluginKind.TRAINER, "toy", "1.0.0", new ToyTrainer(), Set.of(Capability.DIFFERENTIABLE));
        add(t, PluginKind.TRAINER, "hebb", "1.0.0", new ToyTrainer(), Set.of(Capability.ASSOCIATIVE));
        add(t, PluginKind.APPLICATION, "toy", "1.0.0", new ToyApplication(), Set.of());
        add(t, PluginKind.BACKEND, "cpu", "1.0.0", new ToyBackend("cpu", Availability.yes()), Set.of());
        add(t, PluginKind.BACKEND, "gpu", "1.0.0", new ToyBackend("gpu", Availability.no("no device found")), Set.of());
        add(t, PluginKind.LOSS, "mse", "1.0.0", io.engram.train.Losses.of("mse"), Set.of("per-step"));
        add(t, PluginKind.LOSS, "softmax-ce", "1.0.0", io.engram.train.Losses.of("softmax-ce"), Set.of("per-step"));
        return t;
    }

    static long add(PluginTable t, PluginKind kind, String id, String version, Object service, Set<String> caps) {
        return add(t, kind, id, version, service, caps, Set.of());
    }

    static long add(PluginTable t, PluginKind kind, String id, String version, Object service, Set<String> caps,
                    Set<String> tasks) {
        long sid = SERVICE_IDS.incrementAndGet();
        t.add(new PluginTable.Entry(sid, kind, id, "test." + kind.label() + "." + id, version, sid, caps, service,
                tasks));
        return sid;
    }

    /**
     * {@link #table()} and: application walk (an environment only), application recall (datasets,
     * requiring an associative network), trainer search (datasets and environments, no capability).
     */
    static PluginTable withEnvironments() {
        PluginTable t = table();
        add(t, PluginKind.APPLICATION, "walk", "1.0.0", new WalkApplication(), Set.of(),
                Set.of(PluginProperties.ENVIRONMENT));
        add(t, PluginKind.APPLICATION, "recall", "1.0.0", new ToyApplication(), Set.of(Capability.ASSOCIATIVE));
        add(t, PluginKind.TRAINER, "search", "1.0.0", new SearchTrainer(), Set.of(),
                Set.of(PluginProperties.DATASET, PluginProperties.ENVIRONMENT));
        return t;
    }

    /** A valid spec of the search trainer in the walk environment. */
    static Map<String, String> environmentSpec() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("seed", "42");
        s.put("model.family", "toy");
        s.put("trainer", "search");
        s.put("trainer.generations", "6");
        s.put("data.app", "walk");
        s.put("data.steps", "5");
        return s;
    }

    /**
     * An environment of {@code steps} steps: observations {@code [1, t]}, two actions, reward the
     * first action minus the second clamped to [-1, 1]; fitness the summed reward.
     */
    static final class WalkApplication implements Application {
        @Override
        public String id() {
            return "walk";
        }

        @Override
        public String description() {
            return "a walk";
        }

        @Override
        public Schema schema() {
            return Schema.of(HyperParameter.integer("steps", 5, 1, 100, "Steps per episode."));
        }

        @Override
        public Set<String> provides() {
            return Set.of(PluginProperties.ENVIRONMENT);
        }

        @Override
        public Optional<Environment> environment(Hyperparameters params) {
            int steps = params.getInt("steps");
            return Optional.of(new Environment() {
                @Override
                public int observationSize() {
                    return 2;
                }

                @Override
                public int actionSize() {
                    return 2;
                }

                @Override
                public int maxSteps() {
                    return steps;
                }

                @Override
                public Map<String, Double> test(Network network, Ops ops, long seed) {
                    return Map.of("walk.length", (double) steps);
                }

                @Override
                public Episode start(long seed) {
                    return new Episode() {
                        private int t;
                        private double fitness;

                        @Override
                        public double[] observation() {
                            return new double[] {1, t};
                        }

                        @Override
                        public Transition step(double[] action) {
                            double r = Math.max(-1, Math.min(1, action[0] - action[1]));
                            fitness += r;
                            t++;
                            return new Transition(observation(), r, t >= steps);
                        }

                        @Override
                        public boolean done() {
                            return t >= steps;
                        }

                        @Override
                        public double fitness() {
                            return fitness;
                        }
                    };
                }
            });
        }
    }

    /**
     * Each generation evaluates the weights plus 0, 1, ..., 7 times 0.1 with the context's population
     * and keeps the fittest; on a dataset it keeps the lowest loss.
     */
    static final class SearchTrainer implements Trainer {
        @Override
        public String id() {
            return "search";
        }

        @Override
        public String description() {
            return "a line search";
        }

        @Override
        public Schema schema() {
            return Schema.of(HyperParameter.integer("generations", 2, 1, 100, "Generations."));
        }

        @Override
        public Set<String> requires() {
            return Set.of();
        }

        @Override
        public TrainingResult train(TrainingContext ctx) {
            int generations = ctx.hyper().getInt("generations");
            double best = Double.NaN;
            for (int g = 1; g <= generations && !ctx.cancelled(); g++) {
                Tensor w = ctx.network().parameters().get("w");
                java.util.List<Map<String, Tensor>> candidates = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    double[] v = w.toDoubleArray();
                    v[0] += 0.1 * i;
                    candidates.add(Map.of("w", ctx.backend().ops().fromArray(w.dtype(), w.shape(), v)));
                }
                boolean env = ctx.environment().isPresent();
                double[] scores = env ? ctx.populationFitness(candidates, g, 2)
                        : ctx.populationLoss(candidates, ctx.train(), g);
                int k = 0;
                for (int i = 1; i < scores.length; i++) {
                    k = (env ? scores[i] > scores[k] : scores[i] < scores[k]) ? i : k;
                }
                best = scores[k];
                ctx.network().setParameters(candidates.get(k));
                ctx.emit(new TrainingEvent.EpochEnd(g, Double.NaN, Double.NaN, Map.of("fitness", best)));
            }
            return new TrainingResult(Map.of("fitness", best), generations, "", false);
        }
    }

    /** A valid spec for the fake plugins. */
    static Map<String, String> spec() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("job.name", "toy run");
        s.put("seed", "42");
        s.put("model.family", "toy");
        s.put("model.scale", "0.5");
        s.put("trainer", "toy");
        s.put("trainer.epochs", "3");
        s.put("data.app", "toy");
        s.put("data.sequences", "20");
        return s;
    }

    static JobManagerConfiguration config(Path dir, int concurrency) {
        return config(dir, concurrency, 64, 1000, 0, 5);
    }

    /** Settings with job records in {@code dir}, data roots {@code roots} (empty: the defaults). */
    static JobManagerConfiguration config(Path dir, int concurrency, String roots) {
        return config(dir, concurrency, 64, 1000, 0, 5, roots);
    }

    /** A configuration with every job manager setting given, the data roots the defaults. */
    static JobManagerConfiguration config(Path dir, int concurrency, int queueCapacity, int recentEvents,
                                          int checkpointEpochs, int checkpointMinutes) {
        return config(dir, concurrency, queueCapacity, recentEvents, checkpointEpochs, checkpointMinutes, "");
    }

    /** A configuration with every job manager setting given but {@code jobs.workers}, which is 2. */
    static JobManagerConfiguration config(Path dir, int concurrency, int queueCapacity, int recentEvents,
                                          int checkpointEpochs, int checkpointMinutes, String roots) {
        return config(dir, concurrency, queueCapacity, recentEvents, checkpointEpochs, checkpointMinutes, roots, 2);
    }

    /** A configuration with every job manager setting given. */
    static JobManagerConfiguration config(Path dir, int concurrency, int queueCapacity, int recentEvents,
                                          int checkpointEpochs, int checkpointMinutes, String roots, int workers) {
        return new JobManagerConfiguration() {
            @Override
            public int jobs_workers() {
                return workers;
            }

            @Override
            public int jobs_queue_capacity() {
                return queueCapacity;
            }

            @Override
            public int jobs_events_recent() {
                return recentEvents;
            }

            @Override
            public int checkpoint_every_epochs() {
                return checkpointEpochs;
            }

            @Override
            public int checkpoint_every_minutes() {
                return checkpointMinutes;
            }

            @Override
            public String home() {
                return "";
            }

            @Override
            public String data_roots() {
                return roots;
            }

            @Override
            public String models_dir() {
                return "";
            }

            @Override
            public double jobs_memory_fraction() {
                return 0.8;
            }

            @Override
            public String data_dir() {
                return dir.toString();
            }

            @Override
            public int jobs_concurrency() {
                return concurrency;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return JobManagerConfiguration.class;
            }
        };
    }

    /** out = x @ w + version offset; the state is carried unchanged. */
    static final class ToyFamily implements NetworkFamily {
        final String version;

        ToyFamily(String version) {
            this.version = version;
        }

        @Override
        public String id() {
            return "toy";
        }

        @Override
        public String description() {
            return "a linear map, version " + version;
        }

        @Override
        public Schema schema() {
            return Schema.of(HyperParameter.real("scale", 1.0, 0.0, 10.0, "Initial weight scale."));
        }

        @Override
        public Set<String> capabilities() {
            return Set.of(Capability.DIFFERENTIABLE);
        }

        @Override
        public Seq<Problem> validate(ModelSpec spec) {
            return spec.hyper().getDouble("scale") == 7.0
                    ? List.of(Problem.of("model.scale", "7 is not allowed by the toy family")) : List.empty();
        }

        @Override
        public Network create(ModelSpec spec, Backend backend, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            double[] w = new double[spec.inputSize() * spec.outputSize()];
            for (int i = 0; i < w.length; i++) {
                w[i] = spec.hyper().getDouble("scale") * (r.nextDouble() - 0.5);
            }
            return new ToyNetwork(spec, backend.ops().fromArray(spec.dtype(),
                    Shape.of(spec.inputSize(), spec.outputSize()), w), version);
        }
    }

    static final class ToyNetwork implements Network {
        private final ModelSpec spec;
        private final String version;
        private Tensor w;

        ToyNetwork(ModelSpec spec, Tensor w, String version) {
            this.spec = spec;
            this.w = w;
            this.version = version;
        }

        String version() {
            return version;
        }

        @Override
        public ModelSpec spec() {
            return spec;
        }

        @Override
        public Map<String, Tensor> parameters() {
            return Map.of("w", w);
        }

        @Override
        public void setParameters(Map<String, Tensor> values) {
            Tensor v = values.get("w");
            if (v == null || !v.shape().equals(w.shape())) {
                throw new IllegalArgumentException("w");
            }
            w = v;
        }

        @Override
        public State initialState(Ops ops, int batch) {
            return State.of(ops.zeros(spec.dtype(), Shape.of(batch, 1)));
        }

        @Override
        public Step step(Ops ops, Map<String, Tensor> params, Tensor x, State state, StepContext context) {
            Tensor y = ops.matmul(x, params.get("w"));
            if (spec.hyper().has("noise")) {
                double[] noise = new double[y.shape().size()];
                for (int i = 0; i < noise.length; i++) {
                    noise[i] = spec.hyper().getDouble("noise") * context.random().nextDouble();
                }
                y = ops.add(y, ops.fromArray(y.dtype(), y.shape(), noise));
            }
            return new Step(y, state);
        }
    }

    /**
     * Trains by adding 1 to every weight per epoch. {@code trainer.mode}: normal, throw (an exception), nonfinite (a failed result),
     * block (until cancelled), oom (an {@link OutOfMemoryError} at epoch 1), stack (a real stack
     * overflow at epoch 1), throw3 (an exception after three epochs).
     */
    static class ToyTrainer implements Trainer {
        @Override
        public String id() {
            return "toy";
        }

        @Override
        public String description() {
            return "adds one per epoch";
        }

        @Override
        public Schema schema() {
            return Schema.of(HyperParameter.integer("epochs", 2, 0, 1000, "Epochs."),
                    HyperParameter.choice("mode", "normal", java.util.List.of("normal", "throw", "nonfinite", "block",
                            "oom", "stack", "throw3"), "What to do."));
        }

        @Override
        public Set<String> requires() {
            return Set.of(Capability.DIFFERENTIABLE);
        }

        @Override
        public TrainingResult train(TrainingContext ctx) {
            String mode = ctx.hyper().getString("mode");
            switch (mode) {
                case "throw":
                    throw new IllegalStateException("trainer exploded at epoch 1");
                case "oom":
                    throw new OutOfMemoryError("Java heap space");
                case "stack":
                    return new TrainingResult(Map.of("depth", (double) recurse(0)), 0, "", false);
                case "nonfinite":
                    ctx.emit(new TrainingEvent.Stopped("loss became NaN at epoch 1", true));
                    return new TrainingResult(Map.of("loss", Double.NaN), 1, "loss became NaN at epoch 1", true);
                case "block":
                    ctx.emit(new TrainingEvent.Message("info", "waiting for cancel"));
                    while (!ctx.cancelled()) {
                        try {
                            Thread.sleep(2);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            break;
                        }
                    }
                    return new TrainingResult(Map.of(), 0, "cancelled", false);
                default:
                    break;
            }
            int epochs = ctx.hyper().getInt("epochs");
            for (int e = 1; e <= epochs && !ctx.cancelled(); e++) {
                ctx.emit(new TrainingEvent.Progress(e, epochs, 1, 1, 1.0 / e));
                Tensor w = ctx.network().parameters().get("w");
                ctx.network().setParameters(Map.of("w", ctx.backend().ops().addScalar(w, 1.0)));
                ctx.emit(new TrainingEvent.EpochEnd(e, 1.0 / e, 2.0 / e, ctx.evaluate(ctx.validation())));
                if (e == 3 && mode.equals("throw3")) {
                    throw new IllegalStateException("trainer exploded after epoch 3");
                }
            }
            return new TrainingResult(Map.of("loss", 1.0 / Math.max(1, epochs)), epochs, "", false);
        }
    }

    private static int recurse(int depth) {
        return depth == Integer.MAX_VALUE ? depth : recurse(depth + 1) + 1;
    }

    /** Random sequences of two inputs and two outputs; evaluation reports how many sequences it saw. */
    static class ToyApplication implements Application {
        @Override
        public String id() {
            return "toy";
        }

        @Override
        public String description() {
            return "random sequences";
        }

        @Override
        public Schema schema() {
            return Schema.of(HyperParameter.integer("sequences", 10, 1, 10_000, "How many."),
                    HyperParameter.integer("length", 3, 1, 100, "Steps each."),
                    HyperParameter.choice("loss", "mse", java.util.List.of("mse", "softmax-ce"), "Task loss."),
                    HyperParameter.choice("fail", "none", java.util.List.of("none", "oom"),
                            "oom: loading runs out of memory inside a Vavr Try, which rethrows it."),
                    HyperParameter.inputFile("file", "", "A file the toy never reads."));
        }

        @Override
        public Optional<DataShape> shape(Hyperparameters params) {
            long n = params.getInt("sequences");
            long t = params.getInt("length");
            return Optional.of(new DataShape("data.sequences", n, n * t, t, 2, 2, DataShape.sequenceBytes(n, n * t, 2, 2)));
        }

        @Override
        public Try<TaskData> load(Hyperparameters params, long seed) {
            if (params.getString("fail").equals("oom")) {
                return Try.of(() -> {
                    throw new OutOfMemoryError("Java heap space");
                });
            }
            SplittableRandom r = new SplittableRandom(seed);
            java.util.List<Sequence> seqs = new ArrayList<>();
            int length = params.getInt("length");
            for (int i = 0; i < params.getInt("sequences"); i++) {
                double[][] x = new double[length][2];
                double[][] y = new double[length][2];
                for (int t = 0; t < length; t++) {
                    x[t][0] = r.nextDouble();
                    x[t][1] = r.nextDouble();
                    y[t][0] = x[t][0];
                    y[t][1] = 1 - x[t][0];
                }
                seqs.add(Sequence.perStep(x, y));
            }
            Dataset empty = new Dataset(java.util.List.of(), 2, 2);
            return Try.success(new TaskData(new Dataset(seqs, 2, 2), empty, empty, params.getString("loss"),
                    "toy(seed=" + seed + ")", "d1gest"));
        }

        @Override
        public Map<String, Double> evaluate(Network network, Ops ops, Dataset data) {
            return Map.of("sequences", (double) data.size());
        }
    }

    static class ToyBackend implements Backend {
        private final String id;
        private final Availability availability;
        private final Ops ops;

        ToyBackend(String id, Availability availability) {
            this(id, availability, new ArrayOps());
        }

        ToyBackend(String id, Availability availability, Ops ops) {
            this.id = id;
            this.availability = availability;
            this.ops = ops;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public Availability availability() {
            return availability;
        }

        @Override
        public Set<DType> dtypes() {
            return Set.of(DType.F32, DType.F64);
        }

        @Override
        public Ops ops() {
            return ops;
        }
    }

    /**
     * A backend with a cost meter: each {@code addScalar} (the toy trainer makes one per epoch)
     * costs the calling thread 0.5 J and one op. Records the thread of every {@link #release()}.
     */
    static class MeteredBackend extends ToyBackend {
        private final ThreadLocal<int[]> ops;
        final java.util.List<String> releasedOn = java.util.Collections.synchronizedList(new ArrayList<>());

        MeteredBackend(String id) {
            this(id, ThreadLocal.withInitial(() -> new int[1]));
        }

        private MeteredBackend(String id, ThreadLocal<int[]> ops) {
            super(id, Availability.yes(), new ArrayOps() {
                @Override
                public Tensor addScalar(Tensor a, double beta) {
                    ops.get()[0]++;
                    return super.addScalar(a, beta);
                }
            });
            this.ops = ops;
        }

        @Override
        public Map<String, Double> meter() {
            int n = ops.get()[0];
            return Map.of("energy.joules", 0.5 * n, "ops", (double) n);
        }

        @Override
        public void release() {
            releasedOn.add(Thread.currentThread().getName());
        }
    }
}
