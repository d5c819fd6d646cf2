package io.engram.app.robotcontrol.internal;

import io.engram.testkit.EnvironmentConformance;
import java.util.Map;

/** The environment suite on double pole without velocities, episodes from seeded random starts. */
class RobotControlConformanceTest extends EnvironmentConformance {
    RobotControlConformanceTest() {
        super(new RobotControl(PoleEpisodeTest.task(Map.of("task", "double", "velocities", "false",
                "start", "random", "max.steps", "300"))));
    }
}
