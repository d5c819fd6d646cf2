package io.engram.tune.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.HyperParameter;
import io.engram.api.Problem;
import io.engram.api.Schema;
import io.engram.kernel.PluginKind;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SearchSpaceTest {

    static final Schema LSTM = Schema.of(HyperParameter.integer("hidden", 32, 1, 4096, "Units."),
            HyperParameter.bool("peepholes", false, "Peepholes."),
            HyperParameter.real("dropout", 0.0, 0.0, 0.9, "Dropout."));
    static final Schema GRU = Schema.of(HyperParameter.integer("hidden", 32, 1, 1024, "Units."));
    static final Schema BPTT = Schema.of(HyperParameter.integer("epochs", 10, 1, 1_000_000, "Epochs."),
            HyperParameter.real("lr", 0.01, 0.0, 100.0, "Rate."),
            HyperParameter.choice("optimizer", "adam", List.of("sgd", "adam", "rmsprop"), "Optimizer."));
    static final Schema CSV = Schema.of(HyperParameter.real("validation.fraction", 0.0, 0.0, 0.9, "Held out."));

    static final Plugins PLUGINS = new Plugins() {
        final Map<PluginKind, Map<String, Schema>> table = Map.of(
                PluginKind.FAMILY, new TreeMap<>(Map.of("lstm", LSTM, "gru", GRU)),
                PluginKind.TRAINER, new TreeMap<>(Map.of("bptt", BPTT)),
                PluginKind.APPLICATION, new TreeMap<>(Map.of("csv", CSV)));

        @Override
        public Optional<Schema> schema(PluginKind kind, String ref) {
            return Optional.ofNullable(table.getOrDefault(kind, Map.of()).get(ref.split(";")[0].trim()));
        }

        @Override
        public List<String> ids(PluginKind kind) {
            return List.copyOf(table.getOrDefault(kind, Map.of()).keySet());
        }
    };

    static final Map<String, String> BASE = Map.of("model.family", "lstm;version=[0,9)", "trainer", "bptt",
            "trainer.epochs", "20", "data.app", "csv");

    static TuneOptions options(String... settings) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < settings.length; i += 2) {
            given.put(settings[i], settings[i + 1]);
        }
        return TuneOptions.parse(given).get();
    }

    static Validation<Seq<Problem>, SearchSpace> parse(Map<String, String> ranges, TuneOptions options) {
        return SearchSpace.parse(ranges, BASE, options, PLUGINS);
    }

    @Test
    void readsIntegerLogAndChoiceDimensionsFromTheSchemas() {
        Map<String, String> ranges = Map.of("model.hidden", "8..64", "trainer.lr", "1e-4..1e-1 log",
                "trainer.optimizer", "sgd,adam", "data.validation.fraction", "0.1..0.3", "model.family", "lstm,gru");
        SearchSpace space = parse(ranges, options()).get();
        assertEquals(List.of(new Dimension.RealRange("data.validation.fraction", 0.1, 0.3, false),
                new Dimension.IntRange("model.hidden", 8, 64, false),
                new Dimension.RealRange("trainer.lr", 1e-4, 1e-1, true),
                new Dimension.Choice("trainer.optimizer", List.of("sgd", "adam"))),
                space.dimensions().stream().filter(d -> !d.key().equals("model.family")).sorted(
                        java.util.Comparator.comparing(Dimension::key)).toList());
        assertTrue(space.dimensions().contains(new Dimension.Choice("model.family", List.of("lstm", "gru"))),
                space.dimensions().toString());
        for (Map<String, String> trial : space.draw(50, 1)) {
            int hidden = Integer.parseInt(trial.get("model.hidden"));
            double lr = Double.parseDouble(trial.get("trainer.lr"));
            assertTrue(hidden >= 8 && hidden <= 64 && lr >= 1e-4 && lr <= 1e-1, trial.toString());
        }
    }

    @Test
    void everyBadKeyAndRangeIsReportedAtOnceNamingTheKey() {
        Map<String, String> ranges = new LinkedHashMap<>();
        ranges.put("model.hidden", "8..5000");           // above lstm's 4096
        ranges.put("model.units", "8..64");              // no such parameter
        ranges.put("model.peepholes", "0..1");           // a range on a boolean
        ranges.put("trainer.lr", "0.1..0.01");           // reversed
        ranges.put("model.dropout", "0..0.5 log");       // log scale from 0
        ranges.put("trainer.epochs", "5..10");           // set by asha
        ranges.put("trainer.batch", "16");               // unknown
        ranges.put("trainer.optimizer", "adam");         // neither range nor list
        ranges.put("seed", "1..9");                      // not a search key
        ranges.put("data.validation.fraction", "a..b");  // not numbers
        Seq<Problem> problems = parse(ranges, options("strategy", "asha")).getError();
        Map<String, String> byKey = new LinkedHashMap<>();
        problems.forEach(p -> byKey.merge(p.where(), p.message(), (a, b) -> a + " | " + b));
        assertEquals(new java.util.TreeSet<>(List.of("tune.model.hidden", "tune.model.units", "tune.model.peepholes",
                "tune.model.dropout", "tune.trainer.lr", "tune.trainer.optimizer", "tune.trainer.epochs",
                "tune.trainer.batch", "tune.seed", "tune.data.validation.fraction")), new java.util.TreeSet<>(byKey.keySet()));
        assertEquals("8..5000 leaves the bounds of hidden of family 'lstm;version=[0,9)': expected an integer in [1, 4096]",
                byKey.get("tune.model.hidden"));
        assertEquals("family 'lstm;version=[0,9)' has no parameter 'units' (known: hidden, peepholes, dropout)",
                byKey.get("tune.model.units"));
        assertTrue(byKey.get("tune.model.peepholes").startsWith("a range needs a number, but peepholes"), byKey.toString());
        assertEquals("a log scale needs a lower bound above 0, got 0", byKey.get("tune.model.dropout"));
        assertEquals("the lower bound 0.1 is above the upper bound 0.01", byKey.get("tune.trainer.lr"));
        assertTrue(byKey.get("tune.trainer.optimizer").startsWith("expected a range LOW..HIGH"), byKey.toString());
        assertTrue(byKey.get("tune.trainer.epochs").startsWith("set by tune.strategy=asha"), byKey.toString());
        assertEquals("trainer 'bptt' has no parameter 'batch' (known: epochs, lr, optimizer)", byKey.get("tune.trainer.batch"));
        assertTrue(byKey.get("tune.seed").startsWith("not a search key"), byKey.toString());
        assertTrue(byKey.get("tune.data.validation.fraction").startsWith("expected number bounds"), byKey.toString());
    }

    @Test
    void everyListedValueMustBeAcceptedByTheParameter() {
        assertEquals(List.of("tune.trainer.optimizer: 'adagrad': expected one of sgd, adam, rmsprop (optimizer of trainer 'bptt')",
                        "tune.model.hidden: '0': expected an integer in [1, 4096] (hidden of family 'lstm;version=[0,9)')",
                        "tune.model.peepholes: a value repeated in 'true,true'"),
                parse(new LinkedHashMap<>(Map.of("trainer.optimizer", "sgd,adagrad", "model.hidden", "0,8",
                        "model.peepholes", "true,true")), options()).getError().map(Problem::toString).toJavaList()
                        .stream().sorted(java.util.Comparator.comparing((String x) -> !x.contains("optimizer"))
                                .thenComparing(x -> !x.contains("hidden"))).toList());
    }

    @Test
    void aRangeIsCheckedAgainstEveryFamilySearched() {
        Seq<Problem> problems = parse(Map.of("model.family", "lstm,gru,esn", "model.hidden", "8..2048"), options()).getError();
        assertEquals(List.of(
                "tune.model.family: no family 'esn' is installed (installed: gru, lstm)",
                "tune.model.hidden: 8..2048 leaves the bounds of hidden of family 'gru': expected an integer in [1, 1024]"),
                problems.map(Problem::toString).toJavaList());
    }

    @Test
    void ashaTakesItsBudgetFromTheSpecAndChecksTheRungsAgainstTheTrainer() {
        assertEquals(20, parse(Map.of("model.hidden", "8..64"), options("strategy", "asha")).get().maxEpochs());
        assertEquals(27, parse(Map.of("model.hidden", "8..64"),
                options("strategy", "asha", "max.epochs", "27")).get().maxEpochs());
        assertEquals(0, parse(Map.of("model.hidden", "8..64"), options()).get().maxEpochs());
        assertEquals(List.of("tune.max.epochs: 2000000 epochs leave the bounds of trainer.epochs of trainer 'bptt': "
                        + "expected an integer in [1, 1000000]"),
                parse(Map.of("model.hidden", "8..64"), TuneOptions.parse(Map.of("strategy", "asha",
                        "max.epochs", "1000000")).map(o -> new TuneOptions(o.strategy(), o.trials(), o.seed(), o.metric(),
                        o.direction(), o.budgetKey(), o.minEpochs(), 2_000_000, o.eta())).get())
                        .getError().map(Problem::toString).toJavaList());
        assertEquals(List.of("tune.budget.key: trainer 'bptt' has no integer parameter 'lr' to count epochs by (trainer.lr)"),
                parse(Map.of("model.hidden", "8..64"), options("strategy", "asha", "budget.key", "trainer.lr"))
                        .getError().map(Problem::toString).toJavaList());
    }

    @Test
    void badSettingsAreAllReported() {
        Seq<Problem> problems = TuneOptions.parse(Map.of("strategy", "grid", "trials", "0", "direction", "down",
                "eta", "1", "seed", "x", "min.epochs", "9", "max.epochs", "3")).getError();
        assertEquals(List.of("tune.strategy", "tune.direction", "tune.trials", "tune.seed", "tune.eta", "tune.min.epochs"),
                problems.map(Problem::where).toJavaList());
        assertEquals("tune.trials: expected an integer in [1, 10000], got '0'", problems.get(2).toString());
    }
}
