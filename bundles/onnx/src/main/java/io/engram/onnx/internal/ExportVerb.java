package io.engram.onnx.internal;

import io.engram.api.ModelSpec;
import io.engram.cli.VerbCall;
import io.engram.kernel.ModelRegistry;
import io.engram.tensor.Backend;
import io.engram.tensor.DType;
import io.engram.train.CheckpointFile;
import io.engram.train.DurableFiles;
import io.engram.train.LoadedCheckpoint;
import io.vavr.control.Try;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;

/**
 * {@code engram export [--force] CHECKPOINT OUT.onnx}: writes an LSTM, GRU or Elman checkpoint (a
 * file, or a registered model {@code NAME[@VERSION|@ALIAS]} when the model registry is present) as an
 * ONNX model ({@link OnnxExport}: inputs {@code x [time, batch, input]} float and {@code lengths
 * [batch]} int32, output {@code y [time, batch, output]}), durably (a temporary file renamed over
 * OUT). An existing OUT is kept unless {@code --force}.
 *
 * <p>Exit status: 0 when the file was written; 2 for a checkpoint that cannot be read or has no ONNX
 * form (the family, tensor or setting named), or an OUT that exists; 1 when writing failed. The
 * checkpoint's tensors are read through the {@code cpu} backend's ops. Stateless and thread-safe.
 */
@Component(service = Function.class, property = VerbCall.VERB_PROPERTY + "=export")
public final class ExportVerb implements Function<Map<String, Object>, Integer> {
    static final String USAGE = "usage: engram export [--force] CHECKPOINT OUT.onnx";

    private final Backend backend;
    private final String version;
    private final ModelRegistry registry;

    @Activate
    public ExportVerb(@Reference(target = "(engram.backend=cpu)") Backend backend,
                      @Reference(cardinality = ReferenceCardinality.OPTIONAL) ModelRegistry registry,
                      BundleContext context) {
        this(backend, context.getBundle().getVersion().toString(), registry);
    }

    ExportVerb(Backend backend, String version, ModelRegistry registry) {
        this.backend = backend;
        this.version = version;
        this.registry = registry;
    }

    @Override
    public Integer apply(Map<String, Object> raw) {
        VerbCall call = VerbCall.of(raw);
        List<String> positional = new ArrayList<>(call.args());
        boolean force = positional.remove("--force");
        if (positional.size() != 2 || positional.stream().anyMatch(a -> a.startsWith("--"))) {
            call.err().println(USAGE);
            return VerbCall.BAD_INPUT;
        }
        Path checkpoint = Path.of(positional.get(0));
        if (!Files.isRegularFile(checkpoint) && registry != null) {
            Try<Path> resolved = registry.resolve(positional.get(0));
            if (resolved.isFailure()) {
                call.err().println("engram: " + resolved.getCause().getMessage());
                return VerbCall.BAD_INPUT;
            }
            checkpoint = resolved.get();
        }
        Path out = Path.of(positional.get(1));
        Try<LoadedCheckpoint> loaded = CheckpointFile.read(checkpoint, backend.ops());
        if (loaded.isFailure()) {
            call.err().println("engram: " + loaded.getCause().getMessage());
            return VerbCall.BAD_INPUT;
        }
        ModelSpec spec = loaded.get().metadata().spec();
        Map<String, Dense> tensors = new LinkedHashMap<>();
        loaded.get().tensors().forEach((k, t) -> tensors.put(k, new Dense(t.shape().toArray(), t.toFloatArray())));
        byte[] model;
        OnnxExport.Stack stack;
        try {
            stack = OnnxExport.Stack.of(spec, tensors);
            model = OnnxExport.export(spec, tensors, version).toByteArray();
        } catch (IllegalArgumentException e) {
            call.err().println("engram: " + checkpoint + ": " + e.getMessage());
            return VerbCall.BAD_INPUT;
        }
        if (Files.exists(out) && !force) {
            call.err().println("engram: " + out + " exists; give --force to replace it");
            return VerbCall.BAD_INPUT;
        }
        try {
            DurableFiles.write(out, model, "rw-r--r--");
        } catch (IOException e) {
            call.err().println("engram: " + out + ": cannot write: " + e.getMessage());
            return VerbCall.FAILED;
        }
        call.out().println("wrote " + out + " (" + model.length + " bytes, ONNX opset " + OnnxExport.OPSET + "): "
                + describe(stack, spec) + (spec.dtype() == DType.F64 ? "; f64 weights rounded to float32" : ""));
        call.out().println("  inputs  x [time, batch, " + spec.inputSize() + "] float, lengths [batch] int32 "
                + "(steps of each sequence)");
        call.out().println("  output  y [time, batch, " + spec.outputSize() + "] float (the readout's raw outputs, "
                + "zeros after each sequence's length)");
        call.out().flush();
        return VerbCall.OK;
    }

    /** {@code lstm, 2 layers of 32 units (peepholes), input 3, output 2}. */
    static String describe(OnnxExport.Stack stack, ModelSpec spec) {
        String own = stack.peepholes() ? " (peepholes)" : stack.resetAfter() ? " (reset.after)"
                : stack.activation() != null ? " (" + stack.activation().toLowerCase(java.util.Locale.ROOT) + ")" : "";
        return stack.family() + ", " + stack.layers() + (stack.layers() == 1 ? " layer" : " layers") + " of "
                + stack.hidden() + " units" + own + ", input " + spec.inputSize() + ", output " + spec.outputSize();
    }
}
