package io.engram.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.engram.cli.VerbCall;
import io.engram.kernel.Recaller;
import io.vavr.control.Try;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecallVerbTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<Integer> stepsSeen = new ArrayList<>();

    /** A memory of 3 units that settles every cue in the sign of its sum; energy -(sum s)^2 / 2. */
    private final Recaller recaller = (checkpoint, cues, steps) -> {
        stepsSeen.add(steps);
        if (checkpoint.toString().endsWith("gru.ckpt")) {
            return Try.failure(new IllegalStateException("the model of family 'gru' is not an associative memory"));
        }
        if (cues.stream().anyMatch(c -> c.length != 3)) {
            return Try.failure(new IllegalArgumentException("cue 0: expected 3 unit values, got " + cues.get(0).length));
        }
        return Try.success(cues.stream().map(c -> {
            double sum = c[0] + c[1] + c[2];
            double s = Math.signum(sum);
            return new Recaller.Recall(new double[] {s, s, s}, -4.5, -sum * sum / 2);
        }).toList());
    };

    private int recall(String checkpoint, String cues, String... options) throws IOException {
        Path file = dir.resolve("cues.txt");
        Files.writeString(file, cues);
        List<String> args = new ArrayList<>(List.of(options));
        args.add(dir.resolve(checkpoint).toString());
        args.add(file.toString());
        return new RecallVerb(recaller).apply(Map.of(VerbCall.ARGS, args,
                VerbCall.OUT, new PrintStream(out, true, StandardCharsets.UTF_8),
                VerbCall.ERR, new PrintStream(err, true, StandardCharsets.UTF_8)));
    }

    @Test
    void printsTheSettledStateAndItsEnergyPerCue() throws IOException {
        assertEquals(0, recall("hopfield.ckpt", "# cues\n1,1,-1\n\n0,-1,0\n"));
        assertEquals("1,1,1 energy -4.5 cue.energy -0.5\n-1,-1,-1 energy -4.5 cue.energy -0.5\n",
                out.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(RecallVerb.STEPS), stepsSeen, "the default bound");
    }

    @Test
    void stepsReachTheRecallerAndABadValueIsBadInput() throws IOException {
        assertEquals(0, recall("hopfield.ckpt", "1,1,1\n", "--steps", "3"));
        assertEquals(List.of(3), stepsSeen);
        assertEquals(2, recall("hopfield.ckpt", "1,1,1\n", "--steps", "-2"));
        assertEquals("engram: --steps: expected a number of recall steps, 0 or more, got '-2'\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aCueOfSeveralStepsOrOfTheWrongWidthIsBadInputAndNothingIsPrinted() throws IOException {
        assertEquals(2, recall("hopfield.ckpt", "1,1,1\n1,1,1; 1,1,1\n"));
        assertEquals("engram: " + dir.resolve("cues.txt") + ": cue 1 has 2 steps; a cue is one row of unit values\n",
                err.toString(StandardCharsets.UTF_8));
        err.reset();
        assertEquals(2, recall("hopfield.ckpt", "1,1\n"));
        assertEquals("engram: " + dir.resolve("cues.txt") + ": cue 0: expected 3 unit values, got 2\n",
                err.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aModelThatIsNotAssociativeIsBadInputNamingTheCheckpoint() throws IOException {
        assertEquals(2, recall("gru.ckpt", "1,1,1\n"));
        assertEquals("engram: " + dir.resolve("gru.ckpt") + ": the model of family 'gru' is not an associative memory\n",
                err.toString(StandardCharsets.UTF_8));
    }
}
