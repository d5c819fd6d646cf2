package io.engram.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.engram.api.Dataset;
import io.engram.api.Sequence;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetDigestTest {

    private static Dataset one(double target, boolean flagged) {
        return new Dataset(List.of(new Sequence(new double[][] {{1, 0}, {0, 1}},
                new double[][] {{0}, {target}}, new boolean[] {false, flagged})), 2, 1);
    }

    @Test
    void equalDataGiveEqualDigestsAndEachFieldChangesIt() {
        String d = Dataset.sha256(one(0.5, true), one(0.25, true));
        assertEquals(64, d.length());
        assertEquals(d, Dataset.sha256(one(0.5, true), one(0.25, true)));
        assertNotEquals(d, Dataset.sha256(one(0.5, true), one(0.26, true)), "a target");
        assertNotEquals(d, Dataset.sha256(one(0.5, true), one(0.25, false)), "a target flag");
        assertNotEquals(d, Dataset.sha256(one(0.25, true), one(0.5, true)), "the order of the sets");
        assertNotEquals(d, Dataset.sha256(one(0.5, true)), "a set left out");
    }

    @Test
    void theDigestOfNoDataIsTheDigestOfNoBytes() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Dataset.sha256());
    }
}
