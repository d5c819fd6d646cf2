package io.engram.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.engram.api.HyperParameter;
import io.engram.api.Hyperparameters;
import io.engram.api.Schema;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LayerSchemaTest {
    private static final Schema SCHEMA = LayerSchema.stacked("Units.", "Layers.",
            LayerSchema.activation("Activation."), HyperParameter.bool("extra", false, "Extra."));

    @Test
    void sharedEntriesComeFirstThenTheFamilysOwn() {
        assertEquals(List.of("hidden", "layers", "dropout", "init.scheme", "init.scale", "activation", "extra"),
                SCHEMA.parameters().stream().map(HyperParameter::name).collect(Collectors.toList()));
        assertEquals("Units.", SCHEMA.parameter("hidden").get().description());
        assertEquals(List.of("xavier", "uniform", "normal"), SCHEMA.parameter("init.scheme").get().choices());
        assertEquals(List.of("tanh", "sigmoid", "relu"), SCHEMA.parameter("activation").get().choices());
    }

    @Test
    void completeFillsDefaultsAndStackSettingsReadsThem() {
        Hyperparameters h = LayerSchema.complete(SCHEMA, Hyperparameters.of(Map.of("hidden", 7, "dropout", 0.25)));
        assertEquals(new StackSettings(7, 1, 0.25, "xavier", 1.0), StackSettings.of(h));
        assertEquals("tanh", h.getString("activation"));
        assertEquals(false, h.getBoolean("extra"));
    }

    @Test
    void everyProblemIsReportedWithItsKey() {
        assertEquals("model.hidden: expected an integer in [1, 4096], got '0'; "
                        + "model.dropout: expected a number in [0, 0.95], got '0.99'; "
                        + "model.init.scheme: expected one of xavier, uniform, normal, got 'he'",
                SCHEMA.validate(Map.of("hidden", "0", "dropout", "0.99", "init.scheme", "he"), "model.")
                        .getError().mkString("; "));
    }

    @Test
    void completingValuesThatNeverMetTheSchemaIsABug() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LayerSchema.complete(SCHEMA, Hyperparameters.of(Map.of("layers", 17))));
        assertEquals("model spec not validated against the schema: model.layers: expected an integer in [1, 16], got '17'",
                e.getMessage());
    }
}
