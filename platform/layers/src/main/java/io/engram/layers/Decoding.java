package io.engram.layers;

import io.engram.api.Attention;
import io.engram.api.Decoder;
import io.engram.api.Network;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Greedy and beam search over a {@link Decoder} network.
 *
 * <p>{@link #greedy}: after {@link Decoder#encode}, each step feeds the previous token (the start
 * token first) and takes the token of highest score (the lowest index among equals); the batched
 * form decodes many sources at once, padded and masked, each until it emits the end token.
 * {@link #beam} (as in Sutskever, Vinyals and Le 2014, sec. 3.1) keeps the {@code width} partial
 * hypotheses of highest log probability {@code sum_t log softmax(z_t)[token_t]}: each step extends
 * every live hypothesis by every token, a hypothesis that emits the end token is finished, and the
 * best {@code width} of the extensions stay live; it stops when none is live or at {@code maxLength}
 * tokens, and returns the finished and live hypotheses ranked by their log probability divided by
 * the {@link LengthPenalty} of their length (Wu et al. 2016; none by default), best first. Ties are
 * broken by the lower parent rank, then the lower token, so width 1 is exactly greedy. With
 * {@code stopAtEnd} false, greedy decodes exactly {@code maxLength} tokens, as evaluation on
 * fixed-length targets does. When the network has {@link Attention}, each hypothesis carries the
 * attention weights of each of its tokens over the source steps.
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
     * @param attention      the attention weights of each step that chose a token over the source steps,
     *                       {@code [tokens][sourceSteps]}, each row summing to 1; empty ({@code [0][]}) when
     *                       the network does not attend
     */
    public record Hypothesis(int[] tokens, double logProbability, double[][] scores, double[][] attention) {

        public Hypothesis {
            tokens = tokens.clone();
            scores = copy(scores);
            attention = copy(attention);
        }

        /** A hypothesis without attention weights. */
        public Hypothesis(int[] tokens, double logProbability, double[][] scores) {
            this(tokens, logProbability, scores, new double[0][]);
        }

        @Override
        public int[] tokens() {
            return tokens.clone();
        }

        @Override
        public double[][] scores() {
            return copy(scores);
        }

        @Override
        public double[][] attention() {
            return copy(attention);
        }

        private static double[][] copy(double[][] rows) {
            return Arrays.stream(rows).map(double[]::clone).toArray(double[][]::new);
        }
    }

    /**
     * Greedy decoding of {@code source} ({@code [time][inputSize]}).
     *
     * @throws IllegalArgumentException when the network has no {@link Decoder} or {@code maxLength < 1}
     */
    public static Hypothesis greedy(Network network, Ops ops, double[][] source, int maxLength, boolean stopAtEnd) {
        Decoder decoder = decoder(network, maxLength);
        Optional<Attention> attention = network.capability(Attention.class);
        Map<String, Tensor> params = network.parameters();
        int vocabulary = network.spec().outputSize();
        State state = encode(network, decoder, ops, params, java.util.Collections.singletonList(source));
        List<double[]> scores = new ArrayList<>();
        List<double[]> weights = new ArrayList<>();
        int[] tokens = new int[maxLength];
        double logProbability = 0;
        int previous = decoder.startToken();
        int n = 0;
        while (n < maxLength) {
            Step step = decoder.decode(ops, params, TokenScores.oneHot(ops, network.spec().dtype(), vocabulary,
                    new int[] {previous}), state, StepContext.inference(n));
            double[] z = step.output().toDoubleArray();
            int best = TokenScores.argmax(z, 0, vocabulary);
            logProbability += z[best] - TokenScores.logSumExp(z, 0, vocabulary);
            scores.add(z);
            attention.ifPresent(a -> weights.add(a.weights(step.state()).toDoubleArray()));
            tokens[n++] = best;
            state = step.state();
            previous = best;
            if (stopAtEnd && best == decoder.endToken()) {
                break;
            }
        }
        return new Hypothesis(Arrays.copyOf(tokens, n), logProbability, scores.toArray(double[][]::new),
                weights.toArray(double[][]::new));
    }

    /**
     * Greedy decoding of many sources at once (each {@code [time][inputSize]}, of any lengths): they
     * are padded into one batch and decoded together, each until it emits the end token or has
     * {@code maxLength} tokens. The result equals {@link #greedy(Network, Ops, double[][], int, boolean)}
     * with {@code stopAtEnd} of each source, up to rounding, and costs one decode step of the batch per
     * token instead of one per source.
     *
     * @return one hypothesis per source, in order (attention rows cut to each source's length)
     * @throws IllegalArgumentException when the network has no {@link Decoder}, {@code maxLength < 1}
     *                                  or a source is empty
     */
    public static List<Hypothesis> greedy(Network network, Ops ops, List<double[][]> sources, int maxLength) {
        Decoder decoder = decoder(network, maxLength);
        if (sources.isEmpty()) {
            return List.of();
        }
        Map<String, Tensor> params = network.parameters();
        return new BatchedGreedy(network, decoder, ops, params, sources, maxLength)
                .run(encode(network, decoder, ops, params, sources));
    }

    /**
     * Beam search over {@code source} ({@code [time][inputSize]}) ranked by log probability, best first;
     * at most {@code width} hypotheses.
     *
     * @throws IllegalArgumentException when the network has no {@link Decoder}, {@code width < 1} or
     *                                  {@code maxLength < 1}
     */
    public static List<Hypothesis> beam(Network network, Ops ops, double[][] source, int width, int maxLength) {
        return beam(network, ops, source, width, maxLength, LengthPenalty.NONE);
    }

    /**
     * Beam search over {@code source} ({@code [time][inputSize]}), the hypotheses ranked by
     * {@code penalty}, best first; at most {@code width} hypotheses.
     *
     * @throws IllegalArgumentException when the network has no {@link Decoder}, {@code width < 1} or
     *                                  {@code maxLength < 1}
     */
    public static List<Hypothesis> beam(Network network, Ops ops, double[][] source, int width, int maxLength,
                                        LengthPenalty penalty) {
        Decoder decoder = decoder(network, maxLength);
        if (width < 1) {
            throw new IllegalArgumentException("beam width must be at least 1, got " + width);
        }
        Optional<Attention> attention = network.capability(Attention.class);
        Map<String, Tensor> params = network.parameters();
        int vocabulary = network.spec().outputSize();
        State state = encode(network, decoder, ops, params, java.util.Collections.singletonList(source));
        List<Partial> live = List.of(new Partial(new int[0], 0.0, new double[0][], new double[0][],
                decoder.startToken()));
        List<Partial> finished = new ArrayList<>();
        for (int t = 0; t < maxLength && !live.isEmpty(); t++) {
            int[] previous = live.stream().mapToInt(Partial::last).toArray();
            Step step = decoder.decode(ops, params, TokenScores.oneHot(ops, network.spec().dtype(), vocabulary,
                    previous), state, StepContext.inference(t));
            double[] z = step.output().toDoubleArray();
            double[] a = attention.map(at -> at.weights(step.state()).toDoubleArray()).orElse(null);
            List<Candidate> candidates = candidates(live, z, vocabulary, width);
            List<Partial> next = new ArrayList<>();
            List<Integer> parents = new ArrayList<>();
            for (Candidate c : candidates.subList(0, Math.min(width, candidates.size()))) {
                Partial p = live.get(c.parent).extend(c.token, c.score,
                        Arrays.copyOfRange(z, c.parent * vocabulary, (c.parent + 1) * vocabulary),
                        a == null ? null : Arrays.copyOfRange(a, c.parent * source.length, (c.parent + 1) * source.length));
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
        all.sort(Comparator.comparingDouble((Partial p) -> -penalty.score(p.logProbability, p.tokens.length)));
        List<Hypothesis> out = new ArrayList<>();
        for (Partial p : all.subList(0, Math.min(width, all.size()))) {
            out.add(new Hypothesis(p.tokens, p.logProbability, p.scores, p.attention));
        }
        return out;
    }

    /**
     * The extensions that may be among the best {@code width}: each live hypothesis's best
     * {@code width} tokens, best first (ties: lower parent, then lower token).
     */
    private static List<Candidate> candidates(List<Partial> live, double[] z, int vocabulary, int width) {
        List<Candidate> candidates = new ArrayList<>(live.size() * width);
        for (int i = 0; i < live.size(); i++) {
            double[] lp = TokenScores.logSoftmax(z, i * vocabulary, vocabulary);
            for (int v : TokenScores.top(lp, width)) {
                candidates.add(new Candidate(i, v, live.get(i).logProbability + lp[v]));
            }
        }
        candidates.sort(Comparator.comparingDouble((Candidate c) -> -c.score).thenComparingInt(c -> c.parent)
                .thenComparingInt(c -> c.token));
        return candidates;
    }

    private record Candidate(int parent, int token, double score) {
    }

    private record Partial(int[] tokens, double logProbability, double[][] scores, double[][] attention, int last) {
        Partial extend(int token, double score, double[] z, double[] weights) {
            int[] t = Arrays.copyOf(tokens, tokens.length + 1);
            t[tokens.length] = token;
            double[][] s = Arrays.copyOf(scores, scores.length + 1);
            s[scores.length] = z;
            double[][] a = attention;
            if (weights != null) {
                a = Arrays.copyOf(attention, attention.length + 1);
                a[attention.length] = weights;
            }
            return new Partial(t, score, s, a, token);
        }
    }

    static Decoder decoder(Network network, int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("decoding needs a maximum length of at least 1, got " + maxLength);
        }
        return network.capability(Decoder.class).orElseThrow(() -> new IllegalArgumentException(
                "family '" + network.spec().family() + "' builds no decoder: it cannot be decoded"));
    }

    /** Encodes {@code sources} padded to the longest into one time-major batch, the padding masked. */
    private static State encode(Network network, Decoder decoder, Ops ops, Map<String, Tensor> params,
                                List<double[][]> sources) {
        int in = network.spec().inputSize();
        int batch = sources.size();
        int time = 0;
        for (double[][] s : sources) {
            if (s.length == 0) {
                throw new IllegalArgumentException("decoding needs sources of at least one step");
            }
            time = Math.max(time, s.length);
        }
        double[] xs = new double[time * batch * in];
        double[] mask = new double[time * batch];
        for (int b = 0; b < batch; b++) {
            double[][] s = sources.get(b);
            for (int t = 0; t < s.length; t++) {
                if (s[t].length != in) {
                    throw new IllegalArgumentException("source " + b + " step " + t + " has " + s[t].length
                            + " inputs, the model takes " + in);
                }
                System.arraycopy(s[t], 0, xs, (t * batch + b) * in, in);
                mask[t * batch + b] = 1.0;
            }
        }
        List<StepContext> contexts = new ArrayList<>(time);
        for (int t = 0; t < time; t++) {
            contexts.add(StepContext.inference(t));
        }
        return decoder.encode(ops, params, ops.fromArray(network.spec().dtype(), Shape.of(time * batch, in), xs), mask,
                contexts);
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
}
