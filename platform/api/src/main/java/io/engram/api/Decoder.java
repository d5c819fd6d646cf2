package io.engram.api;

import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A network that reads a whole source sequence and then writes a target sequence one token at a
 * time, each step fed the previous token (an encoder-decoder: Sutskever, Vinyals and Le 2014; Cho et
 * al. 2014). The platform drives it: trainers feed the true previous token (teacher forcing), and
 * greedy and beam search ({@code io.engram.layers.Decoding}) feed the tokens they chose, in
 * {@code SequenceOutputs} and in {@code predict}. A network offers this through
 * {@link Network#capability(Class)} and declares {@link Capability#DECODER}.
 *
 * <p>Tokens are the {@code spec().outputSize()} classes of the output: a token is given to
 * {@link #decode} as a one-hot row, and each decode step returns raw scores (logits) over the next
 * token. {@link #startToken()} is fed before the first target token; a search stops a hypothesis
 * when it emits {@link #endToken()} (they may be the same token).
 *
 * <p>Lifecycle: {@link #encode} once per batch of sources, then {@link #decode} once per target
 * step, each time with the state the previous call returned. Masks: {@code stepMask} marks the real
 * source steps as in {@link Batch#stepMask()} (padding only at the end); the encoded state of a
 * sequence depends on its real steps only. Both methods are pure functions of their arguments that
 * read parameters only from {@code params} (so that they are recorded for BPTT), and are called by
 * one thread at a time on a given network.
 */
@ConsumerType
public interface Decoder {

    /** The token fed to the first decode step, in {@code [0, outputSize)}. */
    int startToken();

    /** The token that ends a target sequence, in {@code [0, outputSize)}. */
    int endToken();

    /**
     * Reads a padded batch of sources and returns the state of the first decode step.
     *
     * @param xs       sources {@code [time * batch, inputSize]}, time-major as in {@link WholeSequence#run}
     * @param stepMask {@code time * batch} values of 0/1, owned by the caller and not modified
     * @param contexts one per source step
     * @return the decoder's state, each tensor's first axis the batch
     */
    State encode(Ops ops, Map<String, Tensor> params, Tensor xs, double[] stepMask, List<StepContext> contexts);

    /**
     * One decode step: the previous token as one-hot rows {@code [batch, outputSize]} and the state
     * give the scores of the next token {@code [batch, outputSize]} and the next state.
     *
     * @param context {@code time} is the index of the target step being produced, from 0
     */
    Step decode(Ops ops, Map<String, Tensor> params, Tensor previous, State state, StepContext context);
}
