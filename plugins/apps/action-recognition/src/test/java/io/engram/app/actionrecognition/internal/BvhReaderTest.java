package io.engram.app.actionrecognition.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BvhReaderTest {
    /** A root with an arm: shoulder 1 up, elbow 2 along x, hand 1 further along x. */
    static final String ARM = """
            HIERARCHY
            ROOT hips
            {
              OFFSET 0 0 0
              CHANNELS 6 Xposition Yposition Zposition Zrotation Xrotation Yrotation
              JOINT shoulder
              {
                OFFSET 0 1 0
                CHANNELS 3 Zrotation Xrotation Yrotation
                JOINT elbow
                {
                  OFFSET 2 0 0
                  CHANNELS 3 Zrotation Xrotation Yrotation
                  End Site
                  {
                    OFFSET 1 0 0
                  }
                }
              }
            }
            MOTION
            Frames: 2
            Frame Time: 0.0333333
            10 0 0 0 0 0  0 0 0  0 0 0
            0 0 0 0 0 90  90 0 0  0 0 -90
            """;

    private static BvhReader.Bvh read(Problems problems, String text) {
        return BvhReader.read("a.bvh", text.lines().toList(), problems);
    }

    @Test
    void readsTheHierarchyAndComputesPositionsByForwardKinematics() {
        Problems problems = new Problems();
        BvhReader.Bvh bvh = read(problems, ARM);
        assertTrue(problems.isEmpty(), problems.all().mkString());
        assertEquals(List.of("hips", "shoulder", "elbow", "elbow_end"), bvh.skeleton().names());
        assertEquals(12, bvh.skeleton().channelCount());
        assertEquals(0.0333333, bvh.frameTime(), 1e-12);
        double[][][] p = bvh.positions();
        // frame 0: translated by 10 along x, no rotation
        assertArrayEquals(new double[] {10, 0, 0}, p[0][0], 1e-9);
        assertArrayEquals(new double[] {10, 1, 0}, p[0][1], 1e-9);
        assertArrayEquals(new double[] {12, 1, 0}, p[0][2], 1e-9);
        assertArrayEquals(new double[] {13, 1, 0}, p[0][3], 1e-9);
        // frame 1: the root turned 90 degrees about y (x -> -z), the shoulder 90 about z (x -> y):
        // the elbow goes straight up from the shoulder
        assertArrayEquals(new double[] {0, 1, 0}, p[1][1], 1e-9);
        assertArrayEquals(new double[] {0, 3, 0}, p[1][2], 1e-9);
        // the elbow's -90 about y turns its x axis to +z in its parent's frame: the end site sits
        // where the shoulder's z axis points, which the root's yaw turned to +x
        assertArrayEquals(new double[] {1, 3, 0}, p[1][3], 1e-9);
    }

    @Test
    void namesTheLineAndFieldOfAHierarchyProblem() {
        Problems problems = new Problems();
        assertNull(read(problems, ARM.replace("CHANNELS 3 Zrotation Xrotation Yrotation\n    JOINT elbow",
                "CHANNELS 3 Zrotation Xrot Yrotation\n    JOINT elbow")));
        assertEquals("a.bvh:9: unknown channel 'Xrot' of joint 'shoulder' (expected one of Xposition, Yposition, "
                + "Zposition, Xrotation, Yrotation, Zrotation)", problems.all().head().toString());
        Problems offset = new Problems();
        assertNull(read(offset, ARM.replace("OFFSET 2 0 0", "OFFSET 2 zero 0")));
        assertEquals("a.bvh:12: OFFSET y is not a number: 'zero'", offset.all().head().toString());
    }

    @Test
    void reportsEveryBadFrameAndAWrongFrameCount() {
        Problems problems = new Problems();
        String text = ARM.replace("Frames: 2", "Frames: 3").replace("0 0 0 0 0 90  90 0 0  0 0 -90", "0 0 0 0 0 90  90 x 0  0 0 -90")
                .replace("10 0 0 0 0 0  0 0 0  0 0 0", "10 0 0 0 0 0  0 0 0  0 0");
        assertNull(read(problems, text));
        assertEquals(List.of(
                "a.bvh:24: frame 0 has 11 values; the hierarchy has 12 channels",
                "a.bvh:25: value 8 of frame 1 is not a finite number: 'x'",
                "a.bvh:22: 'Frames: 3' but 2 frame lines follow"), problems.all().map(Object::toString).toJavaList());
    }
}
