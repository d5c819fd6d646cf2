import io.engram.api.Application;
import io.engram.api.Environment;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.Trainer;
import io.engram.api.TrainingResult;
import io.engram.app.robotcontrol.internal.RobotControlApplication;
import io.engram.backend.cpu.CpuBackend;
import io.engram.family.elman.internal.ElmanFamily;
import io.engram.family.frnn.internal.FrnnFamily;
import io.engram.tensor.DType;
import io.engram.tensor.Tensor;
import io.engram.train.Episodes;
import io.engram.train.SimpleTrainingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Engram's side of benchmarks/pole-balancing: one run of a population trainer on double pole
 * without velocities (the robot-control application: 3 inputs, damping fitness over 1,000 steps
 * from the standard start), the controller an Elman net of 3 tanh units (by default), the classes of the
 * distribution's bundles used on a plain class path.
 *
 * <pre>
 *   java -cp "DIST/system/*:DIST/plugins/*:DIST/lib/*" PoleBalancing.java TRAINER SEED WORKERS MAX_EVALUATIONS [KEY=VALUE...]
 * </pre>
 *
 * TRAINER is genetic, cosyne, annealing, swarm (io.engram.trainer.NAME.internal.NameTrainer) or a
 * class name; KEY=VALUE are trainer hyperparameters (without the trainer. prefix), or with the
 * prefix data. settings of the robot-control application (default data.task=double,
 * data.velocities=false; data.fitness and data.max.steps set the training episodes' fitness, by
 * default the application's: damping for double pole without velocities, and length, by default 1,000),
 * and with the prefix model. the controller: model.family (elman, the default, or frnn) and its
 * settings (default model.hidden=3); model.biases=false holds its biases at 0, outside the trained
 * vector ({@link Unbiased}). Each generation's fittest network, unless an equal one was
 * tested before, is tested as in Gomez et al. 2008 (sec. 6.1): the task is solved once it balances both
 * poles for 100,000 steps from the standard start and then at least 200 of the 625 starts of the
 * generalisation test for 1,000 steps. The evaluations counted are the training episodes up to and
 * including the solving generation (the tests are not counted). {@code judge=long} is the criterion
 * of the Markov tasks (data.velocities=true): every network that balanced its whole training episode
 * is tested for 100,000 steps, without the generalisation test, and the count stops at the solving
 * network; {@code judge=off} leaves the tests out, for timing. With the environment variable
 * POLE_TRACE set, each generation's best and mean fitness go to the standard error. Prints one JSON
 * line: solved, evaluations, generations, the generalisation score (-1 under judge=long) and the wall
 * seconds of training.
 */
public final class PoleBalancing {
    public static void main(String[] args) {
        String name = args[0];
        long seed = Long.parseLong(args[1]);
        int workers = Integer.parseInt(args[2]);
        int budget = Integer.parseInt(args[3]);
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("generations", "100000");
        raw.put("evaluations", Integer.toString(budget));
        boolean judging = true;
        boolean generalising = true;
        Map<String, String> model = new LinkedHashMap<>(Map.of("family", "elman", "hidden", "3"));
        Map<String, String> data = new LinkedHashMap<>(Map.of("task", "double", "velocities", "false"));
        for (int i = 4; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            if (kv[0].startsWith("model.")) {
                model.put(kv[0].substring(6), kv[1]);
            } else if (kv[0].startsWith("data.")) {
                data.put(kv[0].substring(5), kv[1]);
            } else if (kv[0].equals("judge")) {
                judging = !kv[1].equals("off");
                generalising = kv[1].equals("on");
            } else {
                raw.put(kv[0], kv[1]);
            }
        }
        Application app = new RobotControlApplication();
        Environment env = environment(app, data, data.getOrDefault("fitness", "auto"),
                Integer.parseInt(data.getOrDefault("max.steps", "1000")));
        Environment success = environment(app, data, "steps", 100_000);
        CpuBackend backend = new CpuBackend(1);
        boolean biases = !"false".equals(model.remove("biases"));
        Network net = biases ? network(env, backend, seed, model) : new Unbiased(network(env, backend, seed, model));
        Network probe = biases ? network(env, backend, seed, model) : new Unbiased(network(env, backend, seed, model));
        Trainer trainer = trainer(name);
        var checked = trainer.schema().validate(raw, "trainer.");
        if (checked.isInvalid()) {
            throw new IllegalArgumentException(checked.getError().mkString("; "));
        }
        Hyperparameters hyper = checked.get();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        SimpleTrainingContext.Builder b = new SimpleTrainingContext.Builder(net, backend).environment(env)
                .hyper(hyper).seed(seed).workers(pool, workers);
        Judge judge = new Judge(b, env, success, probe, backend, judging, generalising);
        long t0 = System.nanoTime();
        TrainingResult r = trainer.train(judge);
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        System.err.println("best fitness " + r.metrics().get("fitness"));
        System.out.printf(Locale.ROOT, "{\"trainer\":\"%s\",\"seed\":%d,\"workers\":%d,\"solved\":%b,\"evaluations\":%d,"
                + "\"generations\":%d,\"generalisation\":%d,\"seconds\":%.3f,\"stop\":\"%s\"}%n", name, seed, workers,
                judge.solvedAt > 0, judge.solvedAt > 0 ? judge.solvedAt : judge.evaluations, judge.generations,
                judge.generalisation, seconds, judge.solvedAt > 0 ? "solved" : r.stopReason());
    }

    static Environment environment(Application app, Map<String, String> data, String fitness, int steps) {
        Map<String, String> raw = new LinkedHashMap<>(data);
        raw.put("fitness", fitness);
        raw.put("max.steps", Integer.toString(steps));
        return app.environment(app.schema().validate(raw, "data.").get()).orElseThrow();
    }

    /** The controller: the family {@code model.family} (elman or frnn) with the other {@code model.} settings. */
    static Network network(Environment env, CpuBackend backend, long seed, Map<String, String> model) {
        Map<String, String> raw = new LinkedHashMap<>(model);
        String name = raw.remove("family");
        NetworkFamily family = switch (name) {
            case "elman" -> new ElmanFamily();
            case "frnn" -> new FrnnFamily();
            default -> throw new IllegalArgumentException("model.family: elman or frnn, not " + name);
        };
        var h = family.schema().validate(raw, "model.");
        if (h.isInvalid()) {
            throw new IllegalArgumentException(h.getError().mkString("; "));
        }
        return family.create(new ModelSpec(name, env.observationSize(), env.actionSize(), DType.F64, h.get()), backend,
                seed);
    }

    /**
     * A network whose biases (the parameters named {@code ...b}) stay at their initial 0 and are left
     * out of the trained vector: without a bias the controller is an odd function of its inputs, as
     * the task is symmetric ({@code model.biases=false}). Not thread-safe, as the network it wraps.
     */
    static final class Unbiased implements Network {
        private final Network net;

        Unbiased(Network net) {
            this.net = net;
        }

        @Override
        public ModelSpec spec() {
            return net.spec();
        }

        @Override
        public Map<String, Tensor> parameters() {
            return net.parameters();
        }

        @Override
        public java.util.Set<String> trainable() {
            java.util.Set<String> t = new java.util.LinkedHashSet<>(net.trainable());
            t.removeIf(n -> n.endsWith("b"));
            return t;
        }

        @Override
        public void setParameters(Map<String, Tensor> values) {
            net.setParameters(full(values));
        }

        @Override
        public io.engram.api.State initialState(io.engram.tensor.Ops ops, int batch) {
            return net.initialState(ops, batch);
        }

        @Override
        public io.engram.api.Step step(io.engram.tensor.Ops ops, Map<String, Tensor> params, Tensor x, io.engram.api.State state,
                io.engram.api.StepContext context) {
            return net.step(ops, full(params), x, state, context);
        }

        private Map<String, Tensor> full(Map<String, Tensor> params) {
            Map<String, Tensor> all = new LinkedHashMap<>(net.parameters());
            all.putAll(params);
            return all;
        }
    }

    static Trainer trainer(String name) {
        String cls = name.contains(".") ? name : "io.engram.trainer." + name + ".internal."
                + Character.toUpperCase(name.charAt(0)) + name.substring(1) + "Trainer";
        try {
            return (Trainer) Class.forName(cls).getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("no trainer class " + cls, e);
        }
    }

    /** The training context that tests each generation's fittest network and ends the job once one solves the task. */
    static final class Judge extends SimpleTrainingContext {
        private final Environment env;
        private final Environment success;
        private final Network probe;
        private final CpuBackend backend;
        long evaluations;
        long solvedAt;
        int generations;
        int generalisation;
        private final java.util.Set<List<Double>> tested = new java.util.HashSet<>();

        private final boolean judging;
        private final boolean generalising;

        Judge(Builder b, Environment env, Environment success, Network probe, CpuBackend backend, boolean judging,
                boolean generalising) {
            super(b);
            this.judging = judging;
            this.generalising = generalising;
            this.env = env;
            this.success = success;
            this.probe = probe;
            this.backend = backend;
        }

        @Override
        public double[] populationFitness(List<Map<String, Tensor>> candidates, long seed, int episodes) {
            double[] f = super.populationFitness(candidates, seed, episodes);
            evaluations += (long) candidates.size() * episodes;
            generations++;
            if (System.getenv("POLE_TRACE") != null) {
                System.err.printf(Locale.ROOT, "gen %d max %.5f mean %.5f%n", generations,
                        java.util.Arrays.stream(f).max().orElse(0), java.util.Arrays.stream(f).average().orElse(0));
            }
            if (!judging) {
                return f;
            }
            if (generalising) {
                int best = 0;
                for (int i = 1; i < f.length; i++) {
                    if (f[i] > f[best]) {
                        best = i;
                    }
                }
                judge(candidates.get(best), seed);
            } else {
                for (int i = 0; i < f.length && solvedAt == 0; i++) {
                    if (f[i] >= env.maxSteps()) {
                        judge(candidates.get(i), seed);
                        if (solvedAt != 0) {
                            solvedAt = evaluations - (long) (f.length - i - 1) * episodes;
                        }
                    }
                }
            }
            return f;
        }

        /** Tests {@code params} unless an equal network was tested before; marks the run solved when it passes. */
        private void judge(Map<String, Tensor> params, long seed) {
            if (solvedAt != 0 || !tested.add(key(params))) {
                return;
            }
            if (Episodes.meanFitness(probe, backend.ops(), params, success, seed, 1) < 100_000) {
                return;
            }
            probe.setParameters(params);
            generalisation = generalising
                    ? (int) (double) env.test(probe, backend.ops(), seed).get("generalisation") : -1;
            if (!generalising || generalisation >= 200) {
                solvedAt = evaluations;
            }
        }

        private static List<Double> key(Map<String, Tensor> params) {
            List<Double> k = new java.util.ArrayList<>();
            new java.util.TreeMap<>(params).values().forEach(t -> {
                for (double v : t.toDoubleArray()) {
                    k.add(v);
                }
            });
            return k;
        }

        @Override
        public boolean cancelled() {
            return solvedAt > 0 || super.cancelled();
        }
    }
}
