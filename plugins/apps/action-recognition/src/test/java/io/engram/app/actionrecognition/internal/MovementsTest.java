package io.engram.app.actionrecognition.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MovementsTest {
    private static final Movements.Spec SPEC = new Movements.Spec(3, 2, 60, 0.0, 0.3, 0.2);

    @Test
    void theSameSeedGivesTheSameMotionsAndAnotherSeedOthers() {
        List<Motion> a = Movements.generate(SPEC, 7);
        List<Motion> b = Movements.generate(SPEC, 7);
        List<Motion> c = Movements.generate(SPEC, 8);
        assertEquals(3 * 2 * Movements.ACTIONS.size(), a.size());
        for (int i = 0; i < a.size(); i++) {
            assertTrue(Arrays.deepEquals(a.get(i).frames(), b.get(i).frames()), a.get(i).id());
        }
        assertFalse(Arrays.deepEquals(a.get(0).frames(), c.get(0).frames()));
        assertEquals(List.of("p0", "p1", "p2"), a.stream().map(Motion::performer).distinct().toList());
        assertEquals(15, a.get(0).joints().size());
    }

    @Test
    void aStandingPerformerHasTheirFeetOnTheGroundAndTheirHeadAboveTheChest() {
        Movements.Body body = new Movements.Body(1, 1, 1, 0, 0, 1, 1);
        Skeleton s = Movements.skeleton(body);
        double[] frame = new double[s.channelCount()];
        frame[1] = 0.9;
        double[][] p = s.positions(frame);
        assertArrayEquals(new double[] {0.1, 0, 0}, p[s.names().indexOf("l_foot")], 1e-9);
        assertArrayEquals(new double[] {0, 1.65, 0}, p[s.names().indexOf("head")], 1e-9);
        assertArrayEquals(new double[] {-0.2, 0.83, 0}, p[s.names().indexOf("r_hand")], 1e-9);
    }

    @Test
    void sittingDownGoesDownAndStandingUpGoesUp() {
        List<Motion> m = Movements.generate(SPEC, 3);
        for (Motion motion : m) {
            double[][][] f = motion.frames();
            double drop = f[0][0][1] - f[f.length - 1][0][1];
            if (motion.label().equals("sit-down")) {
                assertTrue(drop > 0.2, motion.id() + " dropped " + drop);
            } else if (motion.label().equals("stand-up")) {
                assertTrue(drop < -0.2, motion.id() + " dropped " + drop);
            }
        }
    }

    @Test
    void noiseHasTheRequestedDeviation() {
        Movements.Spec quiet = new Movements.Spec(1, 1, 200, 0.0, 0.3, 0.2);
        Movements.Spec noisy = new Movements.Spec(1, 1, 200, 0.05, 0.3, 0.2);
        double[][][] a = Movements.generate(quiet, 5).get(0).frames();
        double[][][] b = Movements.generate(noisy, 5).get(0).frames();
        double sq = 0;
        int n = 0;
        for (int f = 0; f < a.length; f++) {
            for (int j = 0; j < a[f].length; j++) {
                for (int k = 0; k < 3; k++) {
                    double d = b[f][j][k] - a[f][j][k];
                    sq += d * d;
                    n++;
                }
            }
        }
        // both draw the same numbers (noise 0 still draws), so the difference is the noise alone:
        // over 9,000 coordinates its deviation is within 5 % of 0.05
        double rms = Math.sqrt(sq / n);
        assertTrue(Math.abs(rms - 0.05) < 0.0025, "rms " + rms);
    }
}
