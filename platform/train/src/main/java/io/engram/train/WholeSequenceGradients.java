package io.engram.train;

import io.engram.api.Batch;
import io.engram.api.Capability;
import io.engram.api.Loss;
import io.engram.api.Network;
import io.engram.autodiff.Gradients;
import io.engram.autodiff.Tape;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import io.engram.train.internal.WholeRun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Loss and gradients of networks that are not stepped causally: {@link io.engram.api.WholeSequence}
 * networks (run over the whole padded batch at once) and {@link io.engram.api.Decoder} networks
 * (encode the source, then decode with teacher forcing). {@link SequenceGradients} hands such a
 * network here; the gradient is full BPTT (Werbos 1990) through the one recorded run. Truncated
 * BPTT, recomputation by segments and RTRL step the network causally and do not apply:
 * {@link #refusal} says so, and trainers refuse the job with that message before training.
 *
 * <p>A decoder given a batch with labels of their own length (target sentences) is decoded over the
 * label steps with teacher forcing, and its loss is averaged over the real target tokens
 * ({@link #terms}).
 *
 * <p>Masks and randomness as in {@link SequenceGradients}: padded steps add no loss, step {@code t}
 * draws from {@code (seed, t)}. Stateless and thread-safe.
 */
public final class WholeSequenceGradients {

    private WholeSequenceGradients() {
    }

    /** Whether {@code network} is trained and run here rather than stepped. */
    public static boolean applies(Network network) {
        return WholeRun.applies(network);
    }

    /**
     * Why {@code method} cannot train {@code network}, or empty when it can (a causal network, or
     * full BPTT).
     *
     * @param method what the trainer would use, for the message: {@code truncated BPTT (trainer.k1 = 5)}
     */
    public static Optional<String> refusal(Network network, String method) {
        return applies(network) ? Optional.of(refusalMessage(network.spec().family(), method)) : Optional.empty();
    }

    /**
     * The same refusal for a family known by its declared capabilities, as the kernel checks a spec
     * before any network exists: present when they include {@link Capability#WHOLE_SEQUENCE} or
     * {@link Capability#DECODER}.
     */
    public static Optional<String> refusal(String family, Set<String> capabilities, String method) {
        return capabilities.contains(Capability.WHOLE_SEQUENCE) || capabilities.contains(Capability.DECODER)
                ? Optional.of(refusalMessage(family, method)) : Optional.empty();
    }

    private static String refusalMessage(String family, String method) {
        return "family '" + family + "' runs whole sequences (" + Capability.WHOLE_SEQUENCE + " or "
                + Capability.DECODER + "), so it cannot be stepped causally as " + method + " does; train it with "
                + "full BPTT (trainer bptt, k1 = k2 = 0, no checkpoint.segments)";
    }

    /** Full BPTT through one recorded run of the whole batch. */
    public static LossAndGradients bptt(Ops ops, Network network, Map<String, Tensor> params, Batch batch, Loss loss,
                                        long seed) {
        WholeRun run = new WholeRun(ops, batch, network.spec().dtype());
        int targets = loss.terms(run.scored(network));
        Tape tape = new Tape(ops);
        Map<String, Tensor> leaves = new LinkedHashMap<>();
        params.forEach((name, p) -> leaves.put(name, tape.leaf(p)));
        Tensor total = run.run(tape, network, leaves, loss, true, seed, null);
        Map<String, Tensor> grads = new LinkedHashMap<>();
        if (total == null || targets == 0) {
            params.forEach((name, p) -> grads.put(name, ops.zeros(p.dtype(), p.shape())));
            return new LossAndGradients(0.0, grads, targets);
        }
        Gradients g = tape.backward(total);
        double scale = 1.0 / targets;
        leaves.forEach((name, leaf) -> grads.put(name, ops.scale(g.of(leaf), scale)));
        return new LossAndGradients(Tape.value(total).item() * scale, grads, targets);
    }

    /**
     * The number of terms {@code loss} averages over on {@code batch} run through {@code network}: for
     * a {@link io.engram.api.Decoder} given labels of their own length, those of the label steps (the
     * real target tokens for a per-step loss); otherwise {@link Loss#terms(Batch)}.
     */
    public static int terms(Network network, Batch batch, Loss loss) {
        return loss.terms(applies(network) ? new WholeRun(null, batch, network.spec().dtype()).scored(network) : batch);
    }

    /** The summed loss (not normalised) of a plain run. */
    public static double lossSum(Ops ops, Network network, Map<String, Tensor> params, Batch batch, Loss loss,
                                 boolean training, long seed) {
        Tensor total = new WholeRun(ops, batch, network.spec().dtype()).run(ops, network, params, loss, training,
                seed, null);
        return total == null ? 0.0 : total.item();
    }

    /** The raw output {@code [batch, outputSize]} of every step of a plain run. */
    public static List<Tensor> outputs(Ops ops, Network network, Map<String, Tensor> params, Batch batch,
                                       boolean training, long seed) {
        List<Tensor> out = new ArrayList<>();
        new WholeRun(ops, batch, network.spec().dtype()).run(ops, network, params, null, training, seed, out);
        return out;
    }

    /** @throws IllegalArgumentException with {@link #refusal} when {@code network} is run whole */
    static void requireCausal(Network network, String method) {
        Optional<String> why = refusal(network, method);
        if (why.isPresent()) {
            throw new IllegalArgumentException(why.get());
        }
    }
}
