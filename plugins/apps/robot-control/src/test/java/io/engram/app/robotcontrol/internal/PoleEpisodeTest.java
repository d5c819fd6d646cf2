package io.engram.app.robotcontrol.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Hyperparameters;
import io.engram.api.Transition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PoleEpisodeTest {

    static PoleTask task(Map<String, String> raw) {
        Hyperparameters p = RobotControlApplication.SCHEMA.validate(raw, "data.").get();
        return RobotControlApplication.task(p);
    }

    @Test
    void failureIsTheCartOffTheTrackOrAPoleBeyond36Degrees() {
        PoleTask two = task(Map.of("task", "double"));
        assertFalse(two.failed(new double[] {2.39, 5, 0.62, 9, -0.62, 9}));
        assertTrue(two.failed(new double[] {2.41, 0, 0, 0, 0, 0}));
        assertTrue(two.failed(new double[] {-2.41, 0, 0, 0, 0, 0}));
        assertTrue(two.failed(new double[] {0, 0, -0.629, 0, 0, 0}));
        assertTrue(two.failed(new double[] {0, 0, 0, 0, 0.629, 0}));
        PoleTask one = task(Map.of("task", "single"));
        assertTrue(one.failed(new double[] {0, 0, 0.21, 0, 0, 0}), "single pole: 12 degrees");
        assertFalse(one.failed(new double[] {0, 0, 0.209, 0, 3, 0}), "single pole: no second pole");
        assertFalse(task(Map.of("task", "single", "failure.degrees", "36")).failed(new double[] {0, 0, 0.62, 0, 0, 0}),
                "a failure angle given");
    }

    @Test
    void anUnpushedPoleFallsAndTheFailingStepIsNotCounted() {
        PoleTask t = task(Map.of("task", "double", "fitness", "steps", "max.steps", "100000"));
        PoleEpisode e = new PoleEpisode(t, t.standardStart(), t.maxSteps());
        List<Transition> steps = new ArrayList<>();
        while (!e.done()) {
            steps.add(e.step(new double[] {0.0}));
        }
        Transition last = steps.get(steps.size() - 1);
        assertTrue(steps.size() < 200, "the long pole falls from 4.5 degrees within 4 s: " + steps.size());
        assertEquals(0.0, last.reward(), "the failing step");
        assertEquals(1.0, steps.get(0).reward(), "a balanced step");
        assertEquals(steps.size() - 1, e.fitness(), "fitness: steps balanced");
        double[] end = e.state();
        assertTrue(Math.max(Math.abs(end[2]), Math.abs(end[4])) > Math.toRadians(36), "a pole fell");
    }

    @Test
    void episodesEndAfterMaxSteps() {
        PoleTask t = task(Map.of("task", "single", "max.steps", "5"));
        PoleEpisode e = new PoleEpisode(t, t.standardStart(), t.maxSteps());
        for (int i = 0; i < 5; i++) {
            assertFalse(e.done());
            e.step(new double[] {0.0});
        }
        assertTrue(e.done());
        assertEquals(5.0, e.fitness());
    }

    @Test
    void observationsAreScaledAsInTheBenchmarkCode() {
        double[] s = {1.2, -2.0, 0.1, 0.5, -0.2, 1.6};
        double a = Math.toRadians(36);
        double[] out = new double[6];
        task(Map.of("task", "double", "velocities", "true")).observe(s, out);
        assertArrayEquals(new double[] {0.5, -0.2, 0.1 / a, 0.1, -0.2 / a, 0.1}, out, 1e-15);
        double[] three = new double[3];
        task(Map.of("task", "double", "velocities", "false")).observe(s, three);
        assertArrayEquals(new double[] {0.5, 0.1 / a, -0.2 / a}, three, 1e-15);
        double[] four = new double[4];
        task(Map.of("task", "single")).observe(s, four);
        assertArrayEquals(new double[] {0.5, -0.2, 0.1 / Math.toRadians(12), 0.1}, four, 1e-15);
    }

    @Test
    void actionsBecomeForcesOfAtMost10Newtons() {
        assertEquals(10.0, PoleTask.Action.SYMMETRIC.force(3));
        assertEquals(-2.5, PoleTask.Action.SYMMETRIC.force(-0.25));
        assertEquals(-10.0, PoleTask.Action.UNIT.force(-1));
        assertEquals(5.0, PoleTask.Action.UNIT.force(0.75), 1e-15);
        assertEquals(-10.0, PoleTask.Action.SIGN.force(0));
        assertEquals(10.0, PoleTask.Action.SIGN.force(1e-9));
    }

    @Test
    void dampingFitnessIsGruausFormula() {
        assertEquals(0.005, Damping.formula(50, 123.0), 1e-15, "under 100 steps f2 = 0");
        assertEquals(0.1 * 0.5 + 0.9 * 0.75 / 7.5, Damping.formula(500, 7.5), 1e-15);
        assertEquals(0.1 + 0.9 * 0.1, Damping.formula(1000, 7.5), 1e-15);
        assertTrue(task(Map.of("task", "double", "velocities", "false")).damping(),
                "auto: damping for double pole without velocities");
        PoleTask t = task(Map.of("task", "single", "fitness", "damping"));
        PoleEpisode e = new PoleEpisode(t, t.standardStart(), 150);
        List<double[]> states = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            double[] s = e.state();
            e.step(new double[] {Math.tanh(0.1 * s[0] / 2.4 + 0.5 * s[1] / 10 + s[2] / Math.toRadians(12)
                    + 0.5 * s[3] / 5)});
            states.add(e.state());
        }
        assertTrue(e.done());
        double sum = 0;
        for (double[] s : states.subList(50, 150)) {
            sum += Math.abs(s[0]) + Math.abs(s[1]) + Math.abs(s[2]) + Math.abs(s[3]);
        }
        assertEquals(0.1 * 150 / 1000.0 + 0.9 * 0.75 / sum, e.fitness(), 1e-12);
        assertFalse(task(Map.of("task", "double", "velocities", "true")).damping());
    }

    @Test
    void theGeneralisationGridHas625StartsAt5PointsOfEachRange() {
        List<double[]> grid = Starts.grid();
        assertEquals(625, grid.size());
        // 0.05 of the way across +-2.16 m, +-1.35 m/s, +-3.6 degrees, +-8.6 degrees/s
        assertArrayEquals(new double[] {-1.944, -1.215, -0.056548368, -0.135087768, 0, 0}, grid.get(0), 1e-12);
        assertArrayEquals(new double[] {1.944, 1.215, 0.056548368, 0.135087768, 0, 0}, grid.get(624), 1e-12);
        assertArrayEquals(new double[6], grid.get(312), 1e-15, "the middle start is upright and still");
        assertArrayEquals(new double[] {-1.944, -1.215, -0.056548368, -0.07504876, 0, 0},
                grid.get(1), 1e-12, "theta_1' varies fastest: 0.25 of its range");
        Set<String> distinct = new HashSet<>();
        for (double[] s : grid) {
            distinct.add(java.util.Arrays.toString(s));
        }
        assertEquals(625, distinct.size());
    }

    @Test
    void episodesAreDeterminedByTheSeed() {
        RobotControl random = new RobotControl(task(Map.of("start", "random")));
        assertArrayEquals(random.start(7).state(), random.start(7).state());
        assertNotEquals(random.start(7).state()[0], random.start(8).state()[0]);
        RobotControl standard = new RobotControl(task(Map.of()));
        assertArrayEquals(new double[] {0, 0, 0.07853981633974483, 0, 0, 0}, standard.start(7).state(), 1e-17);
        assertArrayEquals(standard.start(1).state(), standard.start(2).state(), "the standard start ignores the seed");
        PoleEpisode a = random.start(3);
        PoleEpisode b = random.start(3);
        for (int i = 0; i < 20 && !a.done(); i++) {
            double[] act = {Math.cos(i)};
            assertEquals(a.step(act), b.step(act), "step " + i);
        }
    }

    @Test
    void aReplayTracesThePlantInMetresAndDegrees() {
        PoleTask t = task(Map.of("task", "double"));
        PoleEpisode e = new PoleEpisode(t, t.standardStart(), 10);
        assertEquals(List.of("x.m", "force.n", "x.per.s", "theta1.degrees", "theta1.degrees.per.s", "theta2.degrees",
                "theta2.degrees.per.s"), List.copyOf(e.trace().keySet()));
        assertEquals(4.5, e.trace().get("theta1.degrees"), 1e-12);
        e.step(new double[] {-0.5});
        assertEquals(-5.0, e.trace().get("force.n"));
        assertEquals(e.state()[0], e.trace().get("x.m"));
        assertEquals(Math.toDegrees(e.state()[5]), e.trace().get("theta2.degrees.per.s"), 1e-12);
        assertEquals(4, new PoleEpisode(task(Map.of("task", "single")), t.standardStart(), 10).trace().size() - 1,
                "single pole: x, x', theta1, theta1' and the force");
    }
}
