package io.engram.kernel.internal;

import io.engram.api.CheckpointMetadata;
import io.engram.api.Payloads;
import io.engram.api.TrainerState;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A copy of a job's network at its last epoch end where the trainer offered its state, kept so that
 * a cancelled job (Ctrl-C during {@code engram run}, a {@code DELETE}) can still write a checkpoint
 * it resumes from: the parameters as they were then, not as the interrupted epoch left them. f32
 * values are held as doubles, which is exact.
 *
 * <p>Lifecycle: {@link #keep} is called on the job thread at each such epoch end, {@link #tensors}
 * after training returned, on the same thread. Not thread-safe: it belongs to one job thread.
 */
final class LastState {

    private record Copy(DType dtype, Shape shape, double[] values) {
    }

    private Map<String, Copy> parameters;
    private int epoch;
    private CheckpointMetadata metadata;
    private Payloads payloads;
    private TrainerState state;

    /** Keeps a copy of {@code parameters} after {@code epoch}, with what its checkpoint needs. */
    void keep(int epoch, Map<String, Tensor> parameters, CheckpointMetadata metadata, Payloads payloads,
              TrainerState state) {
        Map<String, Copy> copy = new LinkedHashMap<>();
        parameters.forEach((k, t) -> copy.put(k, new Copy(t.dtype(), t.shape(), t.toDoubleArray())));
        this.parameters = copy;
        this.epoch = epoch;
        this.metadata = metadata;
        this.payloads = payloads;
        this.state = state;
    }

    /** Whether an epoch end was kept. */
    boolean present() {
        return parameters != null;
    }

    int epoch() {
        return epoch;
    }

    CheckpointMetadata metadata() {
        return metadata;
    }

    Payloads payloads() {
        return payloads;
    }

    TrainerState state() {
        return state;
    }

    /** The kept parameters, made again through {@code ops}, in their order. */
    Map<String, Tensor> tensors(Ops ops) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        parameters.forEach((k, c) -> out.put(k, ops.fromArray(c.dtype(), c.shape(), c.values())));
        return out;
    }
}
