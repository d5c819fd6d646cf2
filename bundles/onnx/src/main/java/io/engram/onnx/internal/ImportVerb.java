package io.engram.onnx.internal;

import com.google.protobuf.InvalidProtocolBufferException;
import io.engram.api.BundleRef;
import io.engram.api.CheckpointMetadata;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.NetworkFamily;
import io.engram.api.Problem;
import io.engram.api.Provenance;
import io.engram.cli.VerbCall;
import io.engram.kernel.PluginInfo;
import io.engram.kernel.PluginKind;
import io.engram.kernel.PluginRegistry;
import io.engram.onnx.internal.proto.Onnx.ModelProto;
import io.engram.tensor.Backend;
import io.engram.tensor.DType;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.engram.train.CheckpointFile;
import io.engram.train.CheckpointFit;
import io.engram.train.LoadedCheckpoint;
import io.vavr.collection.Seq;
import io.vavr.control.Try;
import io.vavr.control.Validation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code engram import IN.onnx --family lstm|gru|elman [KEY=VALUE ...] OUT}: reads the LSTM, GRU or
 * RNN stack and linear readout of an ONNX model ({@link OnnxImport}) and writes it as an Engram
 * checkpoint of that family, which {@code engram predict} runs. The file sets {@code hidden},
 * {@code layers} and the family's settings that change the weights ({@code peepholes},
 * {@code reset.after}, {@code activation}); KEY=VALUE sets the family's other hyperparameters
 * ({@code dropout}, {@code forget.bias}, ...), validated against the installed family's schema, and
 * a key that contradicts the file is refused. The tensors are checked against a network that the
 * installed family creates for the spec ({@link CheckpointFit}) before anything is written; the
 * checkpoint's provenance names the file and its SHA-256. An existing OUT is kept unless
 * {@code --force}.
 *
 * <p>Exit status: 0 when the checkpoint was written; 2 for an unreadable file, a model Engram cannot
 * compute (node, input or attribute named), bad keys, or an OUT that exists; 1 when the family is
 * not installed or writing failed. Stateless and thread-safe.
 */
@Component(service = Function.class, property = VerbCall.VERB_PROPERTY + "=import")
public final class ImportVerb implements Function<Map<String, Object>, Integer> {
    static final String USAGE = "usage: engram import [--force] IN.onnx --family lstm|gru|elman [KEY=VALUE ...] OUT";

    private final PluginRegistry registry;
    private final Backend backend;
    private final BundleContext context;

    @Activate
    public ImportVerb(@Reference PluginRegistry registry, @Reference(target = "(engram.backend=cpu)") Backend backend,
                      BundleContext context) {
        this.registry = registry;
        this.backend = backend;
        this.context = context;
    }

    @Override
    public Integer apply(Map<String, Object> raw) {
        VerbCall call = VerbCall.of(raw);
        List<String> positional = new ArrayList<>();
        Map<String, String> keys = new LinkedHashMap<>();
        String family = null;
        boolean force = false;
        List<String> args = call.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--family") && i + 1 < args.size()) {
                family = args.get(++i);
            } else if (a.equals("--force")) {
                force = true;
            } else if (a.startsWith("--")) {
                call.err().println(USAGE);
                return VerbCall.BAD_INPUT;
            } else if (a.contains("=")) {
                keys.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            } else {
                positional.add(a);
            }
        }
        if (family == null || positional.size() != 2) {
            call.err().println(USAGE);
            return VerbCall.BAD_INPUT;
        }
        Path in = Path.of(positional.get(0));
        Path out = Path.of(positional.get(1));
        byte[] bytes;
        ModelProto model;
        try {
            bytes = Files.readAllBytes(in);
            model = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            call.err().println("engram: " + in + ": not an ONNX model: " + e.getMessage());
            return VerbCall.BAD_INPUT;
        } catch (IOException e) {
            call.err().println("engram: " + in + ": cannot read: " + e.getMessage());
            return VerbCall.BAD_INPUT;
        }
        OnnxImport.Imported imported;
        try {
            imported = OnnxImport.read(model, family);
        } catch (IllegalArgumentException e) {
            call.err().println("engram: " + in + ": " + e.getMessage());
            return VerbCall.BAD_INPUT;
        }
        Optional<PluginInfo> info = registry.find(PluginKind.FAMILY, family, null);
        Optional<NetworkFamily> networks = info.flatMap(this::service);
        if (info.isEmpty() || networks.isEmpty()) {
            call.err().println("engram: the family '" + family + "' is not installed");
            return VerbCall.FAILED;
        }
        List<String> problems = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>(keys);
        imported.hyper().forEach((k, v) -> {
            String given = keys.get(k);
            if (given != null && !given.equalsIgnoreCase(String.valueOf(v))) {
                problems.add(k + "=" + given + ": the file says " + k + "=" + v);
            }
            values.put(k, String.valueOf(v));
        });
        Validation<Seq<Problem>, Hyperparameters> hyper = info.get().schema().validate(values, "");
        if (hyper.isInvalid()) {
            hyper.getError().forEach(p -> problems.add(p.toString()));
        }
        if (!problems.isEmpty()) {
            call.err().println("engram: the keys were rejected (" + problems.size()
                    + (problems.size() == 1 ? " problem" : " problems") + "):");
            problems.forEach(p -> call.err().println("  " + p));
            return VerbCall.BAD_INPUT;
        }
        if (Files.exists(out) && !force) {
            call.err().println("engram: " + out + " exists; give --force to replace it");
            return VerbCall.BAD_INPUT;
        }
        ModelSpec spec = new ModelSpec(family, imported.inputSize(), imported.outputSize(), DType.F32, hyper.get());
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        imported.tensors().forEach((k, d) -> tensors.put(k, backend.ops().fromArray(DType.F32, Shape.of(d.shape()),
                d.data())));
        String own = context.getBundle().getSymbolicName();
        Provenance provenance = new Provenance(0L, "onnx " + in, sha256(bytes),
                List.of(new BundleRef(info.get().bundle(), info.get().version()),
                        new BundleRef(own, context.getBundle().getVersion().toString())),
                Map.of("import.file", in.toString(), "import.family", family,
                        "import.producer", model.getProducerName() + " " + model.getProducerVersion()),
                Instant.now().toString());
        CheckpointMetadata meta = new CheckpointMetadata(CheckpointFile.FORMAT_VERSION, info.get().bundle(),
                info.get().version(), spec, provenance);
        Try<Map<String, Tensor>> fit = Try.of(() -> networks.get().create(spec, backend, 0L).parameters())
                .flatMap(expected -> CheckpointFit.check(in.toString(), new LoadedCheckpoint(meta, tensors), expected));
        if (fit.isFailure()) {
            call.err().println("engram: " + fit.getCause().getMessage());
            return VerbCall.BAD_INPUT;
        }
        try {
            CheckpointFile.write(out, meta, tensors);
        } catch (IOException e) {
            call.err().println("engram: " + out + ": cannot write: " + e.getMessage());
            return VerbCall.FAILED;
        }
        Object h = imported.hyper().get("hidden");
        Object l = imported.hyper().get("layers");
        StringBuilder settings = new StringBuilder();
        imported.hyper().forEach((k, v) -> {
            if (!k.equals("hidden") && !k.equals("layers")) {
                settings.append(", ").append(k).append('=').append(v);
            }
        });
        call.out().println("wrote " + out + " from " + in + " (" + (model.getProducerName().isEmpty() ? "unknown producer"
                : model.getProducerName() + " " + model.getProducerVersion()) + "): " + family + ", " + l
                + (Integer.valueOf(1).equals(l) ? " layer" : " layers") + " of " + h + " units" + settings
                + ", input " + imported.inputSize() + ", output " + imported.outputSize());
        call.out().flush();
        return VerbCall.OK;
    }

    /** The family service registered by the plugin's bundle. */
    private Optional<NetworkFamily> service(PluginInfo info) {
        try {
            for (ServiceReference<NetworkFamily> ref : context.getServiceReferences(NetworkFamily.class,
                    "(engram.family=" + info.id() + ")")) {
                if (ref.getBundle() != null && ref.getBundle().getBundleId() == info.bundleId()) {
                    return Optional.ofNullable(context.getService(ref));
                }
            }
        } catch (InvalidSyntaxException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
