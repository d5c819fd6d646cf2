package io.engram.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Application;
import io.engram.api.BundleRef;
import io.engram.api.Capability;
import io.engram.api.CheckpointMetadata;
import io.engram.api.HyperParameter;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Payloads;
import io.engram.api.PredictionFormat;
import io.engram.api.Provenance;
import io.engram.api.Schema;
import io.engram.kernel.PluginKind;
import io.engram.kernel.Predictor;
import io.engram.kernel.Predictor.FilePrediction;
import io.engram.tensor.Availability;
import io.engram.tensor.DType;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.vavr.control.Try;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code predict} on a user's own file: the toy network {@code y = x w} with
 * {@code w = [[1, 0], [0, 2]]}, trained on the {@link Pairs} application, whose files hold two
 * numbers per line and whose results print the unit its checkpoint payload names.
 */
class FilePredictionTest {
    @TempDir
    Path tmp;

    private final FakeCheckpoints checkpoints = new FakeCheckpoints();

    /** Reads "a b" lines as one-step sequences; prints "name: y0 y1 UNIT". */
    static final class Pairs implements Application {
        @Override
        public String id() {
            return "pairs";
        }

        @Override
        public String description() {
            return "pairs of numbers";
        }

        @Override
        public Schema schema() {
            return Schema.of(HyperParameter.text("unit", "m", "The unit printed."));
        }

        @Override
        public Optional<PredictionFormat> predictions(Hyperparameters params, Payloads payloads) {
            String unit = payloads.strings().getOrDefault("units", List.of(params.getString("unit"))).get(0);
            return Optional.of(new PredictionFormat() {
                @Override
                public Try<List<Record>> read(Path file) {
                    return Try.of(() -> {
                        List<Record> out = new ArrayList<>();
                        List<String> lines = Files.readAllLines(file);
                        for (int i = 0; i < lines.size(); i++) {
                            String[] f = lines.get(i).trim().split("\\s+");
                            if (f.length != 2) {
                                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected 2 numbers");
                            }
                            out.add(new Record("line " + (i + 1), lines.get(i),
                                    new double[][] {{Double.parseDouble(f[0]), Double.parseDouble(f[1])}}));
                        }
                        return out;
                    });
                }

                @Override
                public String format(Record record, Prediction prediction) {
                    double[] y = prediction.outputs()[0];
                    return record.name() + ": " + y[0] + " " + y[1] + " " + unit;
                }
            });
        }
    }

    private Path checkpoint(String app) throws IOException {
        Path file = tmp.resolve(app + ".ckpt");
        Tensor w = new ArrayOps().fromArray(DType.F64, Shape.of(2, 2), new double[] {1, 0, 0, 2});
        ModelSpec spec = new ModelSpec("toy", 2, 2, DType.F64, Hyperparameters.of(Map.of("scale", 1.0)));
        Provenance provenance = new Provenance(1, "p", "d", List.of(new BundleRef("test.family.toy", "1.0.0")),
                Map.of("data.app", app, "loss", "mse"), "2026-01-01T00:00:00Z");
        CheckpointMetadata meta = new CheckpointMetadata(1, "test.family.toy", "1.0.0", spec, provenance);
        checkpoints.write(file, meta, Map.of("w", w));
        checkpoints.written.put(file, new Checkpoints.Loaded(meta, Map.of("w", w), Map.of(),
                new Payloads(Map.of(), Map.of(), Map.of("units", List.of("kg"))), Optional.empty()));
        return file;
    }

    private PredictorComponent predictor() {
        PluginTable t = new PluginTable();
        Fakes.add(t, PluginKind.FAMILY, "toy", "1.0.0", new Fakes.ToyFamily("1.0.0"), Set.of(Capability.DIFFERENTIABLE));
        Fakes.add(t, PluginKind.BACKEND, "cpu", "1.0.0", new Fakes.ToyBackend("cpu", Availability.yes()), Set.of());
        Fakes.add(t, PluginKind.APPLICATION, "pairs", "1.0.0", new Pairs(), Set.of());
        Fakes.add(t, PluginKind.APPLICATION, "walk", "1.0.0", new Fakes.WalkApplication(), Set.of());
        return new PredictorComponent(t, checkpoints);
    }

    @Test
    void eachRecordIsRunAndFormattedWithTheCheckpointsPayloads() throws Exception {
        Path input = Files.writeString(tmp.resolve("in.txt"), "1 1\n3 -0.5\n");
        Path ckpt = checkpoint("pairs");
        assertTrue(predictor().readsFiles(ckpt).get());
        List<FilePrediction> out = predictor().predictFile(ckpt, input, Predictor.Decode.GREEDY).get();
        assertEquals(List.of("line 1: 1.0 2.0 kg", "line 2: 3.0 -1.0 kg"), out.stream().map(FilePrediction::text).toList());
        assertEquals("3 -0.5", out.get(1).record().text());
        assertEquals(0, out.get(0).prediction().tokens().length);
        assertTrue(out.get(0).heatmap().isEmpty());
    }

    @Test
    void aMalformedFileIsRefusedNamingItsLine() throws Exception {
        Path input = Files.writeString(tmp.resolve("bad.txt"), "1 1\n3\n");
        Try<List<FilePrediction>> out = predictor().predictFile(checkpoint("pairs"), input, Predictor.Decode.GREEDY);
        assertInstanceOf(IllegalArgumentException.class, out.getCause());
        assertTrue(out.getCause().getMessage().endsWith("bad.txt:2: expected 2 numbers"), out.getCause().getMessage());
    }

    @Test
    void anApplicationWithoutAFormatReadsNoFiles() throws Exception {
        Path ckpt = checkpoint("walk");
        assertFalse(predictor().readsFiles(ckpt).get());
        Try<List<FilePrediction>> out = predictor().predictFile(ckpt, tmp.resolve("any.txt"), Predictor.Decode.GREEDY);
        assertInstanceOf(UnsupportedOperationException.class, out.getCause());
        assertTrue(out.getCause().getMessage().contains("'walk' reads no files"), out.getCause().getMessage());
        assertInstanceOf(IOException.class, predictor().readsFiles(tmp.resolve("none.ckpt")).getCause());
    }
}
