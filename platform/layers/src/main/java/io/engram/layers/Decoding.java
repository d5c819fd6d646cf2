package io.engram.layers;

import io.engram.api.Decoder;
import io.engram.api.Network;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Greedy and beam search over a {@link Decoder} network, for one source sequence at a time.
 *
 * <p>{@link #greedy}: after {@link Decoder#encode}, each step feeds the previous token (the start
 * token first) and takes the token of highest score (the lowest index among equals). {@link #beam}
 * (as in Sutskever, Vinyals and Le 2014, sec. 3.1) keeps the {@code width} partial hypotheses of
 * highest log probability {@code sum_t log softmax(z_t)[token_t]}: each step extends every live
 * hypothesis by every token, a hypothesis that emits the end token is finished, and the best
 * {@code width} of the extensions stay live; it stops when none is live or at {@code maxLength}
 * tokens, and returns the finished and live hypotheses, best first, with no length normalisation.
 * Ties are broken by the lower parent rank, then the lower token, so width 1 is exactly greedy.
 * With {@code stopAtEnd} false, greedy decodes exactly {@code maxLength} tokens, as evaluation on
 * fixed-length targets does.
 *
 * <p>The network's current parameters are read once per call and must not change during it; the
 * ops are used on the calling thread only. Stateless and thread-safe as far as the network is.
 */
public final class Decoding {

    private Decoding() {
    }

    /**
     * One decoded target sequence.
     *
     * @param tokens         the tokens, the end token included when it was emitted
     * @param logProbability the sum of the log probabilities of the tokens
     * @param scores         the raw scores (logits) of each step that chose a token, {@code [tokens][outputSize]}
     */
    public record Hypothesis(int[] tokens, double logProbability, double[][] scores) {

        public Hypothesis {
            tokens = tokens.clone();
            scores = Arrays.stream(scores).map(double[]::clone).toArray(double[][]::new);
        }

        @Override
        public int[] tokens() {
            return tokens.clone();
        }

        @Override
        public double[][] scores() {
            return Arrays.stream(scores).map(double[]::clone).toArray(double[][]::new);
        }
    }

    /**
     * Greedy decoding of {@code source} ({@code [time][inputSize]}).
     *
     * @throws IllegalArgumentException when the network has no {@link Decoder} or {@code maxLength < 1}
     */
    public static Hypothesis greedy(Network network, Ops ops, double[][] source, int maxLength, boolean stopAtEnd) {
        Decoder decoder = decoder(network, maxLength);
        Map<String, Tensor> params = network.parameters();
        int vocabulary = network.spec().outputSize();
        State state = encode(network, decoder, ops, params, source);
        List<double[]> scores = new ArrayList<>();
        int[] tokens = new int[maxLength];
        double logProbability = 0;
        int previous = decoder.startToken();
        int n = 0;
        while (n < maxLength) {
            Step step = decoder.decode(ops, params, oneHot(ops, network.spec().dtype(), vocabulary, new int[] {previous}),
                    state, StepContext.inference(n));
            double[] z = step.output().toDoubleArray();
            int best = 0;
            for (int v = 1; v < vocabulary; v++) {
                best = z[v] > z[best] ? v : best;
            }
            logProbability += logSoftmax(z, 0, vocabulary)[best];
            scores.add(z);
            tokens[n++] = best;
            state = step.state();
            previous = best;
            if (stopAtEnd && best == decoder.endToken()) {
                break;
            }
        }
        return new Hypothesis(Arrays.copyOf(tokens, n), logProbability, scores.toArray(double[][]::new));
    }

    /**
     * Beam search over {@code source} ({@code [time][inputSize]}), best first; at most {@code width}
     * hypotheses.
     *
     * @throws IllegalArgumentException when the network has no {@link Decoder}, {@code width < 1} or
     *                                  {@code maxLength < 1}
     */
    public static List<Hypothesis> beam(Network network, Ops ops, double[][] source, int width, int maxLength) {
        Decoder decoder = decoder(network, maxLength);
        if (width < 1) {
            throw new IllegalArgumentException("beam width must be at least 1, got " + width);
        }
        Map<String, Tensor> params = network.parameters();
        int vocabulary = network.spec().outputSize();
        State state = encode(network, decoder, ops, params, source);
        List<Partial> live = List.of(new Partial(new int[0], 0.0, new double[0][], decoder.startToken()));
        List<Partial> finished = new ArrayList<>();
        for (int t = 0; t < maxLength && !live.isEmpty(); t++) {
            int[] previous = live.stream().mapToInt(Partial::last).toArray();
            Step step = decoder.decode(ops, params, oneHot(ops, network.spec().dtype(), vocabulary, previous), state,
                    StepContext.inference(t));
            double[] z = step.output().toDoubleArray();
            List<Candidate> candidates = new ArrayList<>();
            for (int i = 0; i < live.size(); i++) {
                double[] lp = logSoftmax(z, i * vocabulary, vocabulary);
                for (int v = 0; v < vocabulary; v++) {
                    candidates.add(new Candidate(i, v, live.get(i).logProbability + lp[v]));
                }
            }
            candidates.sort(Comparator.comparingDouble((Candidate c) -> -c.score).thenComparingInt(c -> c.parent)
                    .thenComparingInt(c -> c.token));
            List<Partial> next = new ArrayList<>();
            List<Integer> parents = new ArrayList<>();
            for (Candidate c : candidates.subList(0, Math.min(width, candidates.size()))) {
                Partial p = live.get(c.parent).extend(c.token, c.score,
                        Arrays.copyOfRange(z, c.parent * vocabulary, (c.parent + 1) * vocabulary));
                if (c.token == decoder.endToken()) {
                    finished.add(p);
                } else {
                    next.add(p);
                    parents.add(c.parent);
                }
            }
            live = next;
            state = parents.isEmpty() ? state : rows(ops, step.state(), parents);
        }
        List<Partial> all = new ArrayList<>(finished);
        all.addAll(live);
        all.sort(Comparator.comparingDouble((Partial p) -> -p.logProbability));
        List<Hypothesis> out = new ArrayList<>();
        for (Partial p : all.subList(0, Math.min(width, all.size()))) {
            out.add(new Hypothesis(p.tokens, p.logProbability, p.scores));
        }
        return out;
    }

    private record Candidate(int parent, int token, double score) {
    }

    private record Partial(int[] tokens, double logProbability, double[][] scores, int last) {
        Partial extend(int token, double score, double[] z) {
            int[] t = Arrays.copyOf(tokens, tokens.length + 1);
            t[tokens.length] = token;
            double[][] s = Arrays.copyOf(scores, scores.length + 1);
            s[scores.length] = z;
            return new Partial(t, score, s, token);
        }
    }

    private static Decoder decoder(Network network, int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("decoding needs a maximum length of at least 1, got " + maxLength);
        }
        return network.capability(Decoder.class).orElseThrow(() -> new IllegalArgumentException(
                "family '" + network.spec().family() + "' builds no decoder: it cannot be decoded"));
    }

    private static State encode(Network network, Decoder decoder, Ops ops, Map<String, Tensor> params,
                                double[][] source) {
        int in = network.spec().inputSize();
        double[] xs = new double[source.length * in];
        List<StepContext> contexts = new ArrayList<>();
        for (int t = 0; t < source.length; t++) {
            System.arraycopy(source[t], 0, xs, t * in, in);
            contexts.add(StepContext.inference(t));
        }
        double[] mask = new double[source.length];
        Arrays.fill(mask, 1.0);
        return decoder.encode(ops, params, ops.fromArray(network.spec().dtype(), Shape.of(source.length, in), xs),
                mask, contexts);
    }

    /** The state's rows {@code parents}, in order. */
    private static State rows(Ops ops, State state, List<Integer> parents) {
        int[] idx = parents.stream().mapToInt(Integer::intValue).toArray();
        List<Tensor> out = new ArrayList<>();
        for (Tensor t : state.tensors()) {
            out.add(ops.gather(t, 0, idx));
        }
        return new State(out);
    }

    private static Tensor oneHot(Ops ops, DType dtype, int vocabulary, int[] tokens) {
        double[] v = new double[tokens.length * vocabulary];
        for (int i = 0; i < tokens.length; i++) {
            v[i * vocabulary + tokens[i]] = 1.0;
        }
        return ops.fromArray(dtype, Shape.of(tokens.length, vocabulary), v);
    }

    /** {@code log softmax} of {@code z[from .. from + n)}. */
    static double[] logSoftmax(double[] z, int from, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, z[from + i]);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.exp(z[from + i] - max);
        }
        double log = max + Math.log(sum);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = z[from + i] - log;
        }
        return out;
    }
}
