package io.engram.layers.automaton;

import io.engram.api.Network;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Extracts a finite-state automaton from a trained recurrent network that classifies strings:
 * Giles, Miller, Chen, Chen, Sun and Lee (1992), "Learning and extracting finite state automata with
 * second-order recurrent neural networks", Neural Computation 4(3), section 4. Any network whose
 * {@link State} is a list of {@code [batch, ...]} tensors will do.
 *
 * <ol>
 *   <li>Probe: run the network on every string up to {@code probeLength} symbols (a breadth-first
 *   tree of states from the initial state) and record each state and the network's verdict on the
 *   string (the output after the end input, judged by {@code accepts}).</li>
 *   <li>For {@code q = 2 .. maxIntervals}: cut each state unit's range over the probed states into
 *   {@code q} intervals ({@link Quantiser}); starting from the initial state's cell, follow each
 *   symbol from a cell's first-reached state breadth-first, a new cell becoming a new automaton
 *   state, until no new cell appears; a state accepts when the network accepts the end input from
 *   its state. Then minimise ({@link Dfa#minimal()}).</li>
 *   <li>Keep the automaton that agrees with the network's verdicts on the most probed strings (the
 *   smallest {@code q} among equals); stop at the first that agrees on all.</li>
 * </ol>
 * Reads the network's parameters once; the network must not change meanwhile. Stateless.
 */
public final class AutomatonExtraction {

    /**
     * @param probeLength  longest probed string; the probe runs {@code (k^(L+1) - 1) / (k - 1)} states
     * @param maxIntervals largest number of intervals per unit tried, at least 2
     * @param maxStates    cells beyond which a quantisation is given up
     */
    public record Settings(int probeLength, int maxIntervals, int maxStates) {
        public Settings {
            if (probeLength < 0 || maxIntervals < 2 || maxStates < 1) {
                throw new IllegalArgumentException("probeLength >= 0, maxIntervals >= 2 and maxStates >= 1 needed, got "
                        + probeLength + ", " + maxIntervals + ", " + maxStates);
            }
        }
    }

    /**
     * An extracted automaton.
     *
     * @param automaton the minimal automaton
     * @param intervals intervals per unit of the quantisation it came from
     * @param cells     states of the automaton before minimisation
     * @param fidelity  fraction of the probed strings on which it agrees with the network
     */
    public record Extraction(Dfa automaton, int intervals, int cells, double fidelity) {
    }

    private AutomatonExtraction() {
    }

    /**
     * The automaton of {@code network} over the symbols whose inputs are {@code symbols[a]}; empty
     * when every quantisation tried exceeds {@code maxStates} cells.
     *
     * @param end     the input that ends a string, after which the output is judged
     * @param accepts the verdict on an output row {@code [outputSize]}
     */
    public static Optional<Extraction> extract(Network network, Ops ops, double[][] symbols, double[] end,
                                               Predicate<double[]> accepts, Settings settings) {
        Runner runner = new Runner(network, ops, symbols, end, accepts);
        Probe probe = Probe.of(runner, settings.probeLength());
        Extraction best = null;
        for (int q = 2; q <= settings.maxIntervals(); q++) {
            Optional<Dfa> raw = CellSearch.run(runner, new Quantiser(probe.rows(), q), settings.maxStates());
            if (raw.isEmpty()) {
                continue;
            }
            Extraction e = new Extraction(raw.get().minimal(), q, raw.get().states(), probe.agreement(raw.get()));
            if (best == null || e.fidelity() > best.fidelity()) {
                best = e;
            }
            if (e.fidelity() == 1.0) {
                break;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Runs one step of the network for a batch of state rows. Not thread-safe. */
    static final class Runner {
        private final Network network;
        private final Ops ops;
        private final Map<String, Tensor> params;
        private final double[][] symbols;
        private final double[] end;
        private final Predicate<double[]> accepts;
        final StateRows layout;
        final double[] initial;

        Runner(Network network, Ops ops, double[][] symbols, double[] end, Predicate<double[]> accepts) {
            this.network = network;
            this.ops = ops;
            this.params = network.parameters();
            this.symbols = symbols;
            this.end = end;
            this.accepts = accepts;
            State s0 = network.initialState(ops, 1);
            this.layout = new StateRows(s0, network.spec().dtype());
            this.initial = layout.rows(s0, 1)[0];
        }

        int symbols() {
            return symbols.length;
        }

        /** The next state rows after symbol {@code a} from each of {@code rows}. */
        List<double[]> next(List<double[]> rows, int a) {
            Step step = step(rows, symbols[a]);
            return List.of(layout.rows(step.state(), rows.size()));
        }

        /** The verdict after the end input from each of {@code rows}. */
        boolean[] verdicts(List<double[]> rows) {
            Tensor out = step(rows, end).output();
            int width = out.dim(1);
            double[] v = out.toDoubleArray();
            boolean[] verdicts = new boolean[rows.size()];
            for (int b = 0; b < rows.size(); b++) {
                double[] row = new double[width];
                System.arraycopy(v, b * width, row, 0, width);
                verdicts[b] = accepts.test(row);
            }
            return verdicts;
        }

        private Step step(List<double[]> rows, double[] input) {
            double[] x = new double[rows.size() * input.length];
            for (int b = 0; b < rows.size(); b++) {
                System.arraycopy(input, 0, x, b * input.length, input.length);
            }
            Tensor xs = ops.fromArray(network.spec().dtype(), Shape.of(rows.size(), input.length), x);
            return network.step(ops, params, xs, layout.state(ops, rows), StepContext.inference(0, 0L, 0L));
        }
    }

    /** The states and verdicts of all strings up to a length, in breadth-first order. */
    record Probe(List<double[]> rows, boolean[] verdicts, int symbols) {

        static Probe of(Runner runner, int length) {
            List<double[]> all = new ArrayList<>();
            List<double[]> level = List.of(runner.initial);
            List<Boolean> verdicts = new ArrayList<>();
            for (int l = 0; l <= length; l++) {
                all.addAll(level);
                for (boolean v : runner.verdicts(level)) {
                    verdicts.add(v);
                }
                if (l == length) {
                    break;
                }
                List<List<double[]>> children = new ArrayList<>();
                for (int a = 0; a < runner.symbols(); a++) {
                    children.add(runner.next(level, a));
                }
                List<double[]> nextLevel = new ArrayList<>();
                for (int p = 0; p < level.size(); p++) {
                    for (int a = 0; a < runner.symbols(); a++) {
                        nextLevel.add(children.get(a).get(p));
                    }
                }
                level = nextLevel;
            }
            boolean[] v = new boolean[verdicts.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = verdicts.get(i);
            }
            return new Probe(all, v, runner.symbols());
        }

        /** The fraction of probed strings on which {@code dfa} agrees with the network. */
        double agreement(Dfa dfa) {
            int[] state = new int[verdicts.length];
            state[0] = dfa.start();
            int agree = 0;
            for (int n = 0; n < verdicts.length; n++) {
                agree += dfa.accepting(state[n]) == verdicts[n] ? 1 : 0;
                for (int a = 0; a < symbols; a++) {
                    int child = n * symbols + 1 + a;
                    if (child < verdicts.length) {
                        state[child] = dfa.next(state[n], a);
                    }
                }
            }
            return agree / (double) verdicts.length;
        }
    }
}
