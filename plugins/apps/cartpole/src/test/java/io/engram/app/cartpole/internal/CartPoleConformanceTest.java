package io.engram.app.cartpole.internal;

import io.engram.api.Hyperparameters;
import io.engram.testkit.EnvironmentConformance;
import java.util.Map;

class CartPoleConformanceTest extends EnvironmentConformance {
    CartPoleConformanceTest() {
        super(new CartPoleApplication().environment(params()).orElseThrow());
    }

    private static Hyperparameters params() {
        return CartPoleApplication.SCHEMA.validate(Map.of("max.steps", "200"), "data.").get();
    }
}
