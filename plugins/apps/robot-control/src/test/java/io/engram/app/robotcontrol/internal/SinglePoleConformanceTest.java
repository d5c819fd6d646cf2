package io.engram.app.robotcontrol.internal;

import io.engram.testkit.EnvironmentConformance;
import java.util.Map;

/** The environment suite on single pole with velocities and a logistic output, from random starts. */
class SinglePoleConformanceTest extends EnvironmentConformance {
    SinglePoleConformanceTest() {
        super(new RobotControl(PoleEpisodeTest.task(Map.of("task", "single", "action", "unit",
                "start", "random", "max.steps", "300"))));
    }
}
