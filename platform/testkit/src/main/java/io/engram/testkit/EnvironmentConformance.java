package io.engram.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Environment;
import io.engram.api.Episode;
import io.engram.api.Transition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite of an {@link Environment}. An application's test extends it in one line:
 * <pre>
 *   class CartPoleConformanceTest extends EnvironmentConformance {
 *       CartPoleConformanceTest() { super(new CartPoleApplication().environment(params).get()); }
 *   }
 * </pre>
 * and checks, with actions drawn from a seeded random source (each number uniform in
 * {@code [-1, 1]}, or a scale the test gives):
 * <ul>
 *   <li>sizes: observation and action sizes and {@code maxSteps} are at least 1, and every
 *   observation (at the start and after each step) has the observation size;</li>
 *   <li>the same seed gives the same episode, transition for transition, for the same actions, also
 *   when two episodes run at once on two threads; seeds differ somewhere in the first
 *   {@value #SEEDS} starts;</li>
 *   <li>every episode ends within {@code maxSteps} steps, {@code done()} agrees with the last
 *   transition, and a step after the end is refused with {@link IllegalStateException};</li>
 *   <li>rewards and fitness are finite at every step;</li>
 *   <li>an action of the wrong length or with a non-finite number is refused with an
 *   {@link IllegalArgumentException} whose message says what was wrong, and leaves the episode as it
 *   was: the next good action gives what it gives in an episode that never saw the bad one;</li>
 *   <li>the arrays an episode returns are copies: changing them changes nothing.</li>
 * </ul>
 * JUnit creates one instance per test method; nothing is shared between methods.
 */
public abstract class EnvironmentConformance {
    /** Seeds tried for the episodes of each check. */
    public static final int SEEDS = 8;

    private final Environment environment;
    private final double actionScale;

    /** Checks {@code environment} with actions uniform in {@code [-1, 1]}. */
    protected EnvironmentConformance(Environment environment) {
        this(environment, 1.0);
    }

    /** Checks {@code environment} with actions uniform in {@code [-actionScale, actionScale]}. */
    protected EnvironmentConformance(Environment environment, double actionScale) {
        this.environment = environment;
        this.actionScale = actionScale;
    }

    private double[] action(SplittableRandom r) {
        double[] a = new double[environment.actionSize()];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextDouble(-actionScale, actionScale);
        }
        return a;
    }

    /** The transitions of one episode from {@code seed}, actions drawn from {@code actionSeed}. */
    private List<Transition> run(long seed, long actionSeed) {
        Episode e = environment.start(seed);
        SplittableRandom r = new SplittableRandom(actionSeed);
        List<Transition> out = new ArrayList<>();
        out.add(new Transition(e.observation(), 0.0, e.done()));
        while (!e.done() && out.size() <= environment.maxSteps() + 1) {
            out.add(e.step(action(r)));
        }
        return out;
    }

    @Test
    public void sizesAreConsistent() {
        assertTrue(environment.observationSize() >= 1, "observation size " + environment.observationSize());
        assertTrue(environment.actionSize() >= 1, "action size " + environment.actionSize());
        assertTrue(environment.maxSteps() >= 1, "maxSteps " + environment.maxSteps());
        for (long seed = 0; seed < SEEDS; seed++) {
            for (Transition t : run(seed, seed + 100)) {
                assertEquals(environment.observationSize(), t.observation().length, "observation length, seed " + seed);
            }
        }
    }

    @Test
    public void sameSeedSameEpisode() throws Exception {
        boolean differ = false;
        List<Transition> first = run(0, 7);
        for (long seed = 0; seed < SEEDS; seed++) {
            List<Transition> a = run(seed, 7);
            assertEquals(a, run(seed, 7), "seed " + seed);
            differ |= !a.get(0).equals(first.get(0));
        }
        assertTrue(differ, "the first " + SEEDS + " seeds all give the same start");
        CompletableFuture<List<Transition>> x = CompletableFuture.supplyAsync(() -> run(3, 11));
        CompletableFuture<List<Transition>> y = CompletableFuture.supplyAsync(() -> run(3, 11));
        assertEquals(run(3, 11), x.get(), "an episode run on another thread");
        assertEquals(x.get(), y.get(), "two episodes run at once");
    }

    @Test
    public void episodesEndWithinMaxSteps() {
        for (long seed = 0; seed < SEEDS; seed++) {
            Episode e = environment.start(seed);
            SplittableRandom r = new SplittableRandom(seed);
            int steps = 0;
            Transition last = null;
            while (!e.done()) {
                assertTrue(steps < environment.maxSteps(), "seed " + seed + ": no end after maxSteps = "
                        + environment.maxSteps() + " steps");
                last = e.step(action(r));
                steps++;
                assertEquals(last.done(), e.done(), "seed " + seed + " step " + steps + ": done() and the transition");
            }
            assertTrue(last == null || last.done(), "seed " + seed + ": the last transition says done");
            Episode ended = e;
            assertThrows(IllegalStateException.class, () -> ended.step(action(r)), "a step after the end");
        }
    }

    @Test
    public void rewardsAndFitnessAreFinite() {
        for (long seed = 0; seed < SEEDS; seed++) {
            Episode e = environment.start(seed);
            SplittableRandom r = new SplittableRandom(seed + 1);
            assertTrue(Double.isFinite(e.fitness()), "fitness at the start, seed " + seed);
            while (!e.done()) {
                Transition t = e.step(action(r));
                assertTrue(Double.isFinite(t.reward()), "reward " + t.reward() + ", seed " + seed);
                assertTrue(Double.isFinite(e.fitness()), "fitness " + e.fitness() + ", seed " + seed);
                for (double o : t.observation()) {
                    assertTrue(Double.isFinite(o), "observation " + Arrays.toString(t.observation()));
                }
            }
        }
    }

    @Test
    public void badActionsAreRefusedAndChangeNothing() {
        int n = environment.actionSize();
        Episode e = environment.start(5);
        double[] before = e.observation();
        for (double[] bad : List.of(new double[n + 1], new double[Math.max(0, n - 1)], nonFinite(n, Double.NaN),
                nonFinite(n, Double.POSITIVE_INFINITY))) {
            IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> e.step(bad),
                    "action " + Arrays.toString(bad));
            assertTrue(x.getMessage() != null && x.getMessage().strip().length() >= 10,
                    "a message that says what was wrong with " + Arrays.toString(bad) + ": " + x.getMessage());
        }
        assertThrows(RuntimeException.class, () -> e.step(null), "a null action");
        assertArrayEquals(before, e.observation(), "the observation after refused actions");
        assertFalse(e.done(), "a refused action ended the episode");
        double[] good = action(new SplittableRandom(9));
        assertEquals(environment.start(5).step(good), e.step(good), "the step after refused actions");
    }

    @Test
    public void returnedArraysAreCopies() {
        Episode e = environment.start(2);
        double[] o = e.observation();
        double[] kept = o.clone();
        Arrays.fill(o, 1e9);
        assertArrayEquals(kept, e.observation(), "observation() after changing what it returned");
        double[] action = action(new SplittableRandom(3));
        double[] given = action.clone();
        Transition t = e.step(action);
        Arrays.fill(action, 1e9);
        Episode again = environment.start(2);
        assertEquals(again.step(given), t, "the transition after changing the action passed");
        assertArrayEquals(t.observation(), e.observation(), "the observation the step returned and observation()");
    }

    private static double[] nonFinite(int n, double value) {
        double[] a = new double[n];
        a[n - 1] = value;
        return a;
    }
}
