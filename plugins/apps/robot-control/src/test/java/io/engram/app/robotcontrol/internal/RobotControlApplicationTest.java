package io.engram.app.robotcontrol.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Environment;
import io.engram.api.PluginProperties;
import io.engram.api.Problem;
import io.vavr.collection.Seq;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RobotControlApplicationTest {
    private final RobotControlApplication app = new RobotControlApplication();

    private Environment environment(Map<String, String> raw) {
        return app.environment(RobotControlApplication.SCHEMA.validate(raw, "data.").get()).orElseThrow();
    }

    @Test
    void theFourTasksHaveTheirInputs() {
        assertEquals(6, environment(Map.of("task", "double", "velocities", "true")).observationSize());
        assertEquals(3, environment(Map.of("task", "double", "velocities", "false")).observationSize());
        assertEquals(4, environment(Map.of("task", "single", "velocities", "true")).observationSize());
        assertEquals(2, environment(Map.of("task", "single", "velocities", "false")).observationSize());
        Environment e = environment(Map.of("max.steps", "777"));
        assertEquals(1, e.actionSize());
        assertEquals(777, e.maxSteps());
        assertEquals(Set.of(PluginProperties.ENVIRONMENT), app.provides());
    }

    @Test
    void badParametersAreRefusedNamingTheKey() {
        Seq<Problem> p = RobotControlApplication.SCHEMA.validate(Map.of("task", "triple", "max.steps", "0",
                "velocities", "maybe", "failure.degrees", "-1"), "data.").getError();
        Set<String> named = p.map(Problem::where).toJavaSet();
        assertEquals(Set.of("data.task", "data.max.steps", "data.velocities", "data.failure.degrees"), named);
        assertTrue(RobotControlApplication.SCHEMA.validate(Map.of("no.such", "1"), "data.").isInvalid());
    }
}
