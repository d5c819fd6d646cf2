package io.engram.loss.ctc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Batch;
import io.engram.api.BatchOutputs;
import io.engram.api.Dataset;
import io.engram.api.Sequence;
import io.engram.autodiff.Tape;
import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Loss and gradient against PyTorch's {@code torch.nn.functional.ctc_loss} in f64, on the cases kept
 * in {@code torch-ctc.txt} (written by {@code benchmarks/ctc/torch_ctc_fixture.py}): padded batches,
 * repeated labels, sequences whose labels need every step, empty transcripts, one-step sequences, a
 * long batch, and a sequence with no alignment scored as {@code zero_infinity=True} does.
 */
class TorchCtcFixtureTest {
    private static final double TOLERANCE = 1e-6;
    private final Ops ops = new CpuBackend(1).ops();

    /** One case of the fixture file. */
    record Case(String name, int classes, int[] lengths, int[][] labels, boolean zeroInfinity, double[] logits,
                double[] loss, double sum, double[] grad) {
    }

    @Test
    void lossAndGradientEqualPyTorchsToOneInAMillion() throws IOException {
        List<Case> cases = read();
        assertEquals(7, cases.size(), "cases in the fixture");
        for (Case c : cases) {
            CtcLoss ctc = new CtcLoss(c.zeroInfinity() ? Impossible.ZERO : Impossible.ERROR);
            Batch b = batch(c.classes(), c.lengths(), c.labels());
            Tape tape = new Tape(ops);
            Tensor leaf = tape.leaf(ops.fromArray(DType.F64, Shape.of(c.logits().length / c.classes(), c.classes()),
                    c.logits()));
            Tensor total = ctc.loss(tape, outputs(tape, b, leaf));
            assertEquals(c.sum(), total.item(), TOLERANCE * Math.max(1, Math.abs(c.sum())), c.name() + ": sum");
            double[] grad = tape.backward(total).of(leaf).toDoubleArray();
            for (int i = 0; i < grad.length; i++) {
                assertEquals(c.grad()[i], grad[i], TOLERANCE, c.name() + ": gradient " + i);
            }
            for (int j = 0; j < c.lengths().length; j++) {
                assertEquals(c.loss()[j], single(ctc, c, j), TOLERANCE * Math.max(1, c.loss()[j]),
                        c.name() + ": sequence " + j);
            }
            double trainer = total.item() / ctc.terms(b);
            assertEquals(c.sum() / c.lengths().length, trainer, TOLERANCE, c.name() + ": the trainer's mean");
        }
    }

    /** Sequence {@code j} of the case alone, as a batch of one ({@code reduction='none'}). */
    private double single(CtcLoss ctc, Case c, int j) {
        int n = c.lengths().length;
        int steps = c.lengths()[j];
        double[] rows = new double[steps * c.classes()];
        for (int t = 0; t < steps; t++) {
            System.arraycopy(c.logits(), (t * n + j) * c.classes(), rows, t * c.classes(), c.classes());
        }
        Batch b = batch(c.classes(), new int[] {steps}, new int[][] {c.labels()[j]});
        return ctc.loss(ops, outputs(ops, b, ops.fromArray(DType.F64, Shape.of(steps, c.classes()), rows))).item();
    }

    private static Batch batch(int classes, int[] lengths, int[][] labels) {
        List<Sequence> seqs = new ArrayList<>();
        for (int b = 0; b < lengths.length; b++) {
            seqs.add(Sequence.labelled(new double[lengths[b]][1], classes, labels[b]));
        }
        return new Dataset(seqs, 1, classes).batches(lengths.length).get(0);
    }

    private BatchOutputs outputs(Ops o, Batch b, Tensor logits) {
        int rows = b.time() * b.batch();
        return new BatchOutputs(b, logits, o.zeros(logits.dtype(), logits.shape()),
                ops.fromArray(logits.dtype(), Shape.of(rows, 1), b.stepMask()),
                ops.fromArray(logits.dtype(), Shape.of(rows, 1), b.targetMask()));
    }

    static List<Case> read() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                TorchCtcFixtureTest.class.getResourceAsStream("torch-ctc.txt"), StandardCharsets.UTF_8))) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (line.equals("end")) {
                    cases.add(parse(fields));
                    fields.clear();
                    continue;
                }
                int space = line.indexOf(' ');
                fields.put(line.substring(0, space), line.substring(space + 1));
            }
        }
        return cases;
    }

    private static Case parse(Map<String, String> f) {
        String[] groups = f.get("labels").split("\\|", -1);
        int[][] labels = new int[groups.length][];
        for (int i = 0; i < groups.length; i++) {
            labels[i] = groups[i].isBlank() ? new int[0] : ints(groups[i]);
        }
        Case c = new Case(f.get("case"), Integer.parseInt(f.get("classes")), ints(f.get("lengths")), labels,
                f.get("zero_infinity").equals("1"), doubles(f.get("logits")), doubles(f.get("loss")),
                Double.parseDouble(f.get("sum")), doubles(f.get("grad")));
        assertTrue(c.logits().length == c.grad().length, c.name());
        return c;
    }

    private static int[] ints(String s) {
        return Arrays.stream(s.trim().split("\\s+")).mapToInt(Integer::parseInt).toArray();
    }

    private static double[] doubles(String s) {
        return Arrays.stream(s.trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray();
    }
}
