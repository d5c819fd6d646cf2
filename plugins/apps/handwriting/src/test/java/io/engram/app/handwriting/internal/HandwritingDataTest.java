package io.engram.app.handwriting.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Dataset;
import io.engram.api.Hyperparameters;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HandwritingDataTest {
    private static Hyperparameters small(String... more) {
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("words", "on,no,at,to,ant");
        raw.put("writers", "3");
        raw.put("validation.writers", "1");
        raw.put("test.writers", "2");
        raw.put("samples.per.writer", "6");
        for (int i = 0; i < more.length; i += 2) {
            raw.put(more[i], more[i + 1]);
        }
        return HandwritingApplication.validated(raw);
    }

    private static Set<String> writers(List<Ink> inks) {
        return inks.stream().map(Ink::writer).collect(Collectors.toSet());
    }

    @Test
    void theGeneratorIsDeterministicForASeedAndDiffersAcrossSeeds() {
        HandwritingData.HandwritingTask a = HandwritingData.load(small(), 7);
        HandwritingData.HandwritingTask b = HandwritingData.load(small(), 7);
        HandwritingData.HandwritingTask c = HandwritingData.load(small(), 8);
        assertEquals(a.digest(), b.digest());
        assertEquals(Dataset.sha256(a.train(), a.validation(), a.test()), Dataset.sha256(b.train(), b.validation(), b.test()));
        assertNotEquals(a.digest(), c.digest());
        assertEquals(18, a.train().size());
        assertEquals(6, a.validation().size());
        assertEquals(12, a.test().size());
        assertEquals(PenFeatures.INPUTS, a.train().inputSize());
        assertEquals("anot".length() + 1, a.train().outputSize(), "the blank and a, n, o, t");
    }

    @Test
    void writersAreHeldApartBetweenTheSets() {
        HandwritingData.Sets sets = HandwritingData.generate(small(), 3);
        Set<String> train = writers(sets.inks().get(0));
        Set<String> validation = writers(sets.inks().get(1));
        Set<String> test = writers(sets.inks().get(2));
        assertEquals(Set.of("w01", "w02", "w03"), train);
        assertEquals(Set.of("w04"), validation);
        assertEquals(Set.of("w05", "w06"), test);
        // the same writer writes the same word differently each time, and two writers differ
        List<Ink> inks = sets.inks().get(0);
        Set<Integer> lengths = new HashSet<>();
        inks.forEach(i -> lengths.add(i.points()));
        assertTrue(lengths.size() > inks.size() / 2, "point counts " + lengths);
        // more training writers leave the first ones' samples unchanged
        HandwritingData.Sets more = HandwritingData.generate(small("writers", "4"), 3);
        assertEquals(inks.get(0).points(), more.inks().get(0).get(0).points());
        assertEquals(inks.get(0).label(), more.inks().get(0).get(0).label());
    }

    @Test
    void testWordsAreWrittenOnlyByTheTestWriters() {
        HandwritingData.Sets sets = HandwritingData.generate(small("test.words", "tan,not"), 5);
        assertTrue(sets.inks().get(0).stream().allMatch(i -> List.of("on", "no", "at", "to", "ant").contains(i.label())));
        assertTrue(sets.inks().get(2).stream().allMatch(i -> List.of("tan", "not").contains(i.label())));
        HandwritingData.HandwritingTask t = HandwritingData.load(small("test.words", "tan,not"), 5);
        double dtw = t.test().context(HandwritingContext.class).orElseThrow().baselines().get("baseline.dtw.word.error.rate");
        assertEquals(1.0, dtw, "nearest training words are never the unseen test words");
    }

    @Test
    void randomWordsJoinTheTrainingWordsAndTestWordsMustBeUnseen() {
        HandwritingData.Sets sets = HandwritingData.generate(small("random.words", "30", "samples.per.writer", "40",
                "test.words", "tan,not"), 5);
        Set<String> training = sets.inks().get(0).stream().map(Ink::label).collect(Collectors.toSet());
        Set<String> listed = Set.of("on", "no", "at", "to", "ant");
        assertTrue(training.stream().anyMatch(l -> !listed.contains(l)), "random words written: " + training);
        assertTrue(training.stream().allMatch(l -> l.matches("[a-z]{2,7}")), training.toString());
        assertTrue(training.stream().noneMatch(l -> l.equals("tan") || l.equals("not")), training.toString());
        assertTrue(sets.source().contains("words=35 test.words=2"), sets.source());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HandwritingData.generate(small("test.words", "tan,on"), 5));
        assertTrue(e.getMessage().startsWith("data.test.words: [on] are training words too"), e.getMessage());
    }

    @Test
    void wordsTheGeneratorCannotWriteAndTooCoarseSamplesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HandwritingData.load(small("words", "on,No", "test.words", "x1"), 1));
        assertEquals("data.words: 'No' holds 'N', which the generator cannot write (it writes abcdefghijklmnopqrstuvwxyz "
                + "and spaces)\ndata.test.words: 'x1' holds '1', which the generator cannot write (it writes "
                + "abcdefghijklmnopqrstuvwxyz and spaces)", e.getMessage());
        Ink coarse = new Ink("s1", "", "abba", List.<double[][]>of(new double[][] {{0, 0, 0}, {1, 1, 0}, {2, 0, 0}, {3, 1, 0}}),
                "f.csv:2");
        HandwritingData.Sets sets = new HandwritingData.Sets(List.of(List.of(coarse), List.of(), List.of()), "test", null);
        e = assertThrows(IllegalArgumentException.class, () -> HandwritingData.encode(small("spacing", "0"), sets));
        assertEquals("data.writers: f.csv:2: sample s1: 4 points, too few for the 4 characters of \"abba\" (5 needed "
                + "under CTC)", e.getMessage());
    }
}
