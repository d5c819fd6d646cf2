package io.engram.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Problem;
import io.engram.kernel.PluginKind;
import io.engram.tensor.DType;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SpecValidatorTest {

    private final PluginTable table = Fakes.table();
    private final SpecValidator validator = new SpecValidator(table, new Confinement(Path.of("/nonexistent/home"),
            List.of(Path.of("/nonexistent/home/data")), Path.of("/nonexistent/home/data/models")), 0.8, () -> 1L << 30);

    private static List<String> lines(Validation<Seq<Problem>, ?> v) {
        assertTrue(v.isInvalid(), "expected problems");
        return v.getError().map(Problem::toString).toJavaList();
    }

    @Test
    void aValidSpecResolvesThePinnedPluginsAndTypesEachSection() {
        ResolvedSpec r = validator.validate(Fakes.spec()).get();
        assertEquals(42L, r.seed());
        assertEquals(DType.F32, r.dtype());
        assertEquals("toy@1.5.0", r.family().label());
        assertEquals("cpu", r.backend().id());
        assertEquals(0.5, r.model().getDouble("scale"));
        assertEquals(3, r.training().getInt("epochs"));
        assertEquals("normal", r.training().getString("mode"));
        assertEquals(20, r.data().getInt("sequences"));
        assertEquals("toy run", r.name());
    }

    @Test
    void everyProblemIsReportedAtOnceEachNamingItsKey() {
        Map<String, String> spec = new LinkedHashMap<>();
        spec.put("seed", "12x");
        spec.put("dtype", "f16");
        spec.put("backend", "gpu");
        spec.put("trainer", "toy");
        spec.put("trainer.epochs", "-1");
        spec.put("trainer.lr", "0.1");
        spec.put("data.app", "toy");
        spec.put("data.sequences", "many");
        spec.put("colour", "blue");
        spec.put("checkpoint", "models/\u0000.ckpt");
        List<String> problems = lines(validator.validate(spec));
        assertEquals(List.of(
                "colour: unknown key (known: job.name, seed, backend, backend.fallback, dtype, model.family, "
                        + "model.*, trainer, trainer.*, data.app, data.*, loss, checkpoint, checkpoint.best, init.from, spec.dir)",
                "seed: expected a 64-bit integer, got '12x'",
                "dtype: expected f32 or f64, got 'f16'",
                "backend: backend 'gpu' is not available here: no device found",
                "model.family: required: a family id (installed: toy)",
                "trainer.lr: unknown parameter (known: epochs, mode)",
                "trainer.epochs: expected an integer in [0, 1000], got '-1'",
                "data.sequences: expected an integer in [1, 10000], got 'many'",
                "checkpoint: expected a file path, got 'models/\u0000.ckpt': Nul character not allowed"), problems);
    }

    @Test
    void aMistypedKeyNamesTheNearestKnownOnes() {
        Map<String, String> spec = Fakes.spec();
        spec.put("trainer.epoch", "3");
        spec.put("modle.family", "toy");
        spec.put("sede", "2");
        spec.put("colour", "blue");
        List<String> problems = lines(validator.validate(spec));
        String known = "(known: job.name, seed, backend, backend.fallback, dtype, model.family, model.*, trainer, "
                + "trainer.*, data.app, data.*, loss, checkpoint, checkpoint.best, init.from, spec.dir)";
        assertEquals(List.of(
                "modle.family: unknown key " + known + "; did you mean model.family?",
                "sede: unknown key " + known + "; did you mean seed?",
                "colour: unknown key " + known,
                "trainer.epoch: unknown parameter (known: epochs, mode); did you mean trainer.epochs?"), problems);
    }

    @Test
    void equallyNearKeysAreAllNamed() {
        assertEquals(List.of("ab", "ba"), NearestKeys.nearest("aa", List.of("ab", "ba", "xyz")));
        assertEquals(List.of(), NearestKeys.nearest("hidden", List.of("seed", "dtype")));
        assertEquals("", NearestKeys.suggestion("hidden", List.of("seed")));
        assertEquals("model.inner.hidden: unknown parameter (known: hidden, layers); did you mean model.inner.hidden?"
                .replace("model.inner.hidden:", "model.inner.hiden:"), NearestKeys.suggest(Problem.of("model.inner.hiden",
                "unknown parameter (known: hidden, layers)")).toString());
        assertEquals("model.inner.colour: unknown parameter (known: scale)",
                NearestKeys.suggest(Problem.of("model.inner.colour", "unknown parameter (known: scale)")).toString());
    }

    @Test
    void anUnavailableBackendWithoutFallbackIsAProblemNamingTheReason() {
        Map<String, String> spec = Fakes.spec();
        spec.put("backend", "gpu");
        assertEquals(List.of("backend: backend 'gpu' is not available here: no device found"),
                lines(validator.validate(spec)));
    }

    /** The fakes' spec on {@code backend} with {@code backend.fallback}, resolved. */
    private ResolvedSpec withFallback(String backend, String fallback) {
        Map<String, String> spec = Fakes.spec();
        spec.put("backend", backend);
        spec.put("backend.fallback", fallback);
        return validator.validate(spec).get();
    }

    @Test
    void anUnavailableBackendFallsBackToAnAvailableOneSayingWhy() {
        ResolvedSpec r = withFallback("gpu", "cpu");
        assertEquals("cpu", r.backend().id());
        assertEquals("backend 'gpu' is not available here: no device found; running on 'cpu' (backend.fallback)",
                r.fallbackNote());

        r = withFallback("cuda", "cpu");
        assertEquals("cpu", r.backend().id(), "a backend that is not installed falls back too");
        assertEquals("no backend 'cuda' is installed (installed: cpu, gpu); running on 'cpu' (backend.fallback)",
                r.fallbackNote());
    }

    @Test
    void anAvailableBackendIgnoresItsFallback() {
        ResolvedSpec r = withFallback("cpu", "gpu");
        assertEquals("cpu", r.backend().id());
        assertEquals("", r.fallbackNote());
    }

    @Test
    void anUnknownOrUnavailableFallbackIsAProblemOnItsKey() {
        Map<String, String> spec = Fakes.spec();
        spec.put("backend", "gpu");
        spec.put("backend.fallback", "tpu");
        assertEquals(List.of("backend: backend 'gpu' is not available here: no device found",
                "backend.fallback: no backend 'tpu' is installed (installed: cpu, gpu)"), lines(validator.validate(spec)));

        spec.put("backend", "cpu");
        assertEquals(List.of("backend.fallback: no backend 'tpu' is installed (installed: cpu, gpu)"),
                lines(validator.validate(spec)), "a fallback that does not exist is a mistake even when unused");

        Fakes.add(table, PluginKind.BACKEND, "npu", "1.0.0", new Fakes.ToyBackend("npu",
                io.engram.tensor.Availability.no("driver too old")), Set.of());
        spec.put("backend", "gpu");
        spec.put("backend.fallback", "npu");
        assertEquals(List.of("backend: backend 'gpu' is not available here: no device found",
                "backend.fallback: backend 'npu' is not available here either: driver too old"),
                lines(validator.validate(spec)));

        spec.put("backend.fallback", "");
        assertEquals(List.of("backend: backend 'gpu' is not available here: no device found",
                "backend.fallback: expected a backend id (installed: cpu, gpu, npu)"), lines(validator.validate(spec)));
    }

    @Test
    void aMissingPluginNamesWhatIsInstalled() {
        Fakes.add(table, PluginKind.FAMILY, "elman", "1.0.0", new Fakes.ToyFamily("1.0.0"), Set.of("differentiable"));
        Map<String, String> spec = Fakes.spec();
        spec.put("model.family", "mgu");
        spec.remove("model.scale");
        spec.put("trainer", "sgd");
        spec.remove("trainer.epochs");
        spec.put("backend", "cuda");
        assertEquals(List.of(
                "backend: no backend 'cuda' is installed (installed: cpu, gpu)",
                "model.family: no family 'mgu' is installed (installed: elman, toy)",
                "trainer: no trainer 'sgd' is installed (installed: hebb, toy)"), lines(validator.validate(spec)));
    }

    @Test
    void aPinnedRangeIsRespectedAndReportedWhenNothingFits() {
        Map<String, String> spec = Fakes.spec();
        spec.put("model.family", "toy;version=[1.0,1.5)");
        assertEquals("toy@1.0.0", validator.validate(spec).get().family().label());

        spec.put("model.family", "toy;version=\"[2,3)\"");
        assertEquals(List.of("model.family: no version of family 'toy' in [2,3) is installed (installed: 1.5.0, 1.0.0)"),
                lines(validator.validate(spec)));

        spec.put("model.family", "toy;version=[x");
        assertEquals(List.of("model.family: '[x' is not an OSGi version range such as [1.2,2) or 1.2"),
                lines(validator.validate(spec)));

        spec.put("model.family", "toy;flavour=sweet");
        assertTrue(lines(validator.validate(spec)).get(0).startsWith("model.family: expected a family id"));
    }

    @Test
    void theTrainerMustFindItsCapabilitiesInTheFamily() {
        Map<String, String> spec = Fakes.spec();
        spec.put("trainer", "hebb");
        assertEquals(List.of("trainer: trainer 'hebb' requires associative, which family 'toy' does not offer "
                + "(it offers: differentiable)"), lines(validator.validate(spec)));
    }

    @Test
    void theFamilysOwnChecksAreIncluded() {
        Map<String, String> spec = Fakes.spec();
        spec.put("model.scale", "7");
        spec.put("seed", "");
        assertEquals(List.of("seed: expected a 64-bit integer, got ''",
                "model.scale: 7 is not allowed by the toy family"), lines(validator.validate(spec)));
    }

    @Test
    void seedsUseAllSixtyFourBits() {
        Map<String, String> spec = Fakes.spec();
        spec.put("seed", "-9223372036854775808");
        assertEquals(Long.MIN_VALUE, validator.validate(spec).get().seed());
        spec.put("seed", "9223372036854775808");
        assertEquals(List.of("seed: expected a 64-bit integer, got '9223372036854775808'"),
                lines(validator.validate(spec)));
    }

    @Test
    void jobSpecsValidateFillsTopLevelDefaults() {
        JobSpecsComponent specs = new JobSpecsComponent(table, Fakes.config(Path.of("/nonexistent/data/jobs"), 1));
        Map<String, String> spec = Fakes.spec();
        spec.remove("seed");
        Map<String, String> valid = specs.validate(spec).get();
        assertEquals("1", valid.get("seed"));
        assertEquals("cpu", valid.get("backend"));
        assertEquals("f32", valid.get("dtype"));
        assertEquals("toy", valid.get("model.family"));
        assertEquals(List.of("model.family: required: a family id (installed: toy)",
                "trainer: no trainer 'bptt' is installed (installed: hebb, toy)",
                "data.app: required: an application id (installed: toy)"), lines(specs.validate(Map.of())));
        assertTrue(specs.parse("a: [", "yaml", "s.yaml").isInvalid());
        assertEquals(Set.of("model.family", "data.app"), Set.copyOf(
                specs.validate(Map.of("trainer", "toy")).getError().map(Problem::where).toJavaList()));
    }

    @Test
    void aTrainerOnDatasetsIsRefusedOnAnEnvironmentNamingBoth() {
        SpecValidator v = new SpecValidator(Fakes.withEnvironments(), new Confinement(Path.of("/nonexistent/home"),
                List.of(Path.of("/nonexistent/home/data")), Path.of("/nonexistent/home/data/models")), 0.8, () -> 1L << 30);
        Map<String, String> spec = Fakes.environmentSpec();
        spec.put("trainer", "toy");
        spec.remove("trainer.generations");
        assertEquals(List.of("trainer: trainer 'toy' trains on dataset, which application 'walk' does not provide "
                + "(it provides: environment)"), lines(v.validate(spec)));
        assertTrue(v.validate(Fakes.environmentSpec()).isValid(), "search trains on environments");
        Map<String, String> onData = Fakes.spec();
        onData.put("trainer", "search");
        onData.remove("trainer.epochs");
        assertTrue(v.validate(onData).isValid(), "search trains on datasets too");
    }

    @Test
    void anApplicationsRequiredCapabilitiesMustBeOfferedByTheFamily() {
        SpecValidator v = new SpecValidator(Fakes.withEnvironments(), new Confinement(Path.of("/nonexistent/home"),
                List.of(Path.of("/nonexistent/home/data")), Path.of("/nonexistent/home/data/models")), 0.8, () -> 1L << 30);
        Map<String, String> spec = Fakes.spec();
        spec.put("data.app", "recall");
        assertEquals(List.of("data.app: application 'recall' requires associative, which family 'toy' does not "
                + "offer (it offers: differentiable)"), lines(v.validate(spec)));
    }
}
