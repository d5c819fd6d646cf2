package io.engram.app.actionrecognition.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MotionCsvTest {
    private static List<Motion> read(Problems problems, String... lines) {
        return MotionCsv.read("m.csv", List.of(lines), problems);
    }

    @Test
    void readsRowsInAnyOrderFramesSortedJointsInTheFirstFramesOrder() {
        Problems problems = new Problems();
        List<Motion> m = read(problems, "label,sequence,frame,joint,x,y,z,performer,note",
                "wave,s1,1,hips,1,1,1,ann,", "wave,s1,0,hips,0,0,0,ann,x", "wave,s1,0,hand,0,2,0,ann,",
                "wave,s1,1,hand,1,3,1,ann,", "# a comment", "walk,s2,0,hips,5,5,5,,", "walk,s2,0,hand,5,6,5,,");
        assertTrue(problems.isEmpty(), problems.all().mkString());
        assertEquals(2, m.size());
        assertEquals(List.of("hips", "hand"), m.get(0).joints());
        assertEquals("ann", m.get(0).performer());
        assertEquals("s2", m.get(1).performer(), "no performer: the sequence is its own");
        assertEquals(2, m.get(0).frames().length);
        assertArrayEquals(new double[] {1, 3, 1}, m.get(0).frames()[1][1]);
        assertEquals("walk", m.get(1).label());
    }

    @Test
    void namesFileLineAndFieldOfEveryProblem() {
        Problems problems = new Problems();
        read(problems, "sequence,frame,joint,x,y,z,label", "s1,0,hips,0,0,0,wave", "s1,0,hand,0,1", "s1,a,hand,0,1,0,wave",
                "s1,1,hips,0,nan,0,wave", "s1,2,hips,0,0,0,walk", "s1,0,hips,1,1,1,wave", "s2,0,hips,0,0,0,wave");
        assertEquals(List.of(
                "m.csv:3: expected 7 fields as the header has, found 5",
                "m.csv:4: field 'frame' is not a whole number from 0: 'a'",
                "m.csv:5: field 'y' is not a finite number: 'nan'",
                "m.csv:6: field 'label' of sequence 's1' is 'walk', but 'wave' at m.csv:2",
                "m.csv:7: joint 'hips' is given twice in frame 0 of sequence 's1'"),
                problems.all().map(Object::toString).toJavaList());
    }

    @Test
    void aFrameLackingJointsAndAMissingColumnAreNamed() {
        Problems problems = new Problems();
        read(problems, "sequence,frame,joint,x,y,z,label", "s1,0,hips,0,0,0,wave", "s1,0,hand,0,0,0,wave",
                "s1,1,hips,0,0,0,wave");
        assertEquals("m.csv:4: frame 1 of sequence 's1' lacks joints [hand]", problems.all().head().toString());
        Problems header = new Problems();
        read(header, "sequence,frame,joint,x,y,label");
        assertEquals("m.csv:1: the header lacks the column 'z' (expected sequence,frame,joint,x,y,z,label[,performer])",
                header.all().head().toString());
    }
}
