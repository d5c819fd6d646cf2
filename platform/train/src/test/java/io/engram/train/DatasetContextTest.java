package io.engram.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Dataset;
import io.engram.api.Sequence;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An application's context attached to a dataset: names for ten one-step sequences, kept by the
 * sequence objects, follow them through the shuffles, subsets and splits a trainer makes.
 */
class DatasetContextTest {

    record Names(Map<Sequence, String> bySequence) {
    }

    @Test
    void theContextFollowsTheSequencesIntoEveryDerivedDataset() {
        List<Sequence> seqs = new ArrayList<>();
        Map<Sequence, String> names = new IdentityHashMap<>();
        for (int i = 0; i < 10; i++) {
            Sequence s = Sequence.perStep(new double[][] {{i}}, new double[][] {{i}});
            seqs.add(s);
            names.put(s, "s" + i);
        }
        Names context = new Names(names);
        Dataset data = new Dataset(seqs, 1, 1).withContext(context);
        List<Dataset> parts = data.shuffled(3).split(0.3, 7);
        assertEquals(3, parts.get(1).size());
        for (Dataset part : List.of(parts.get(0), parts.get(1), data.subset(2, 5))) {
            Names found = part.context(Names.class).orElseThrow();
            assertSame(context, found);
            for (Sequence s : part.sequences()) {
                assertEquals("s" + (int) s.input(0, 0), found.bySequence().get(s));
            }
        }
    }

    @Test
    void aDatasetWithoutContextOrOfAnotherTypeGivesNone() {
        Dataset plain = new Dataset(List.of(), 1, 1);
        assertTrue(plain.context(Names.class).isEmpty());
        assertTrue(plain.withContext("text").context(Names.class).isEmpty());
        assertEquals("text", plain.withContext("text").context(String.class).orElseThrow());
        assertEquals(plain, plain.withContext("text"), "the context takes no part in equality");
        assertEquals(Dataset.sha256(plain), Dataset.sha256(plain.withContext("text")));
    }
}
