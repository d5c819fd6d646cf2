package io.engram.app.proteinhomology.internal;

import io.engram.api.PredictionFormat;
import io.engram.layers.protein.FastaReader;
import io.engram.layers.protein.ProteinRecord;
import io.engram.layers.protein.SequenceFiles;
import io.vavr.control.Try;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code engram predict} on a FASTA file for a protein-homology model. {@link #read} parses the file
 * as training files are parsed (labels, when present, are ignored), truncating or refusing long
 * sequences as the job did, and encodes each record as the network's input. {@link #format} prints
 * one line per sequence: its id, the predicted family (the highest score) and every family's score
 * at the last step, tab-separated:
 * <pre>
 *   HBB_HUMAN  Globin  Globin=0.9712  Pkinase=0.0031  ...
 * </pre>
 * Scores are probabilities: the softmax over the families in multiclass mode (applied by the caller,
 * as for every {@code softmax-ce} task), the sigmoid of each family's output in one-vs-rest mode.
 * Used by one thread at a time.
 */
final class FastaPredictions implements PredictionFormat {
    private final ProteinSettings settings;
    private final List<String> families;

    FastaPredictions(ProteinSettings settings, List<String> families) {
        this.settings = settings;
        this.families = List.copyOf(families);
    }

    @Override
    public Try<List<Record>> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return Try.failure(e);
        }
        String name = file.toString();
        Problems problems = new Problems();
        List<String> lines = SequenceFiles.lines(name, bytes, problems);
        String first = lines.stream().filter(l -> !l.isBlank()).findFirst().orElse("");
        if (problems.isEmpty() && !first.startsWith(">")) {
            problems.add(name + ":" + (lines.indexOf(first) + 1), "expected a FASTA header line ('>id ...')");
        }
        List<ProteinRecord> records = problems.isEmpty() ? FastaReader.read(name, lines, problems) : List.of();
        List<Record> out = new ArrayList<>();
        for (ProteinRecord r : records) {
            if (!settings.truncate() && r.residues().length() > settings.maxLength()) {
                problems.add(r.where(), "record '" + r.id() + "' has " + r.residues().length()
                        + " residues, more than data.max.length=" + settings.maxLength() + " (data.too.long=refuse)");
            }
            String residues = ProteinEncoder.truncated(r.residues(), settings.maxLength());
            out.add(new Record(r.id(), residues, settings.encoding().encode(residues)));
        }
        if (problems.isEmpty() && out.isEmpty()) {
            problems.add(name, "holds no sequences");
        }
        return problems.isEmpty() ? Try.success(out)
                : Try.failure(new IllegalArgumentException(problems.all().mkString("\n")));
    }

    @Override
    public String format(Record record, Prediction prediction) {
        double[][] outputs = prediction.outputs();
        double[] last = outputs[outputs.length - 1];
        double[] scores = new double[last.length];
        for (int k = 0; k < last.length; k++) {
            scores[k] = settings.oneVsRest() ? 1 / (1 + Math.exp(-last[k])) : last[k];
        }
        StringBuilder line = new StringBuilder(record.name()).append('\t')
                .append(families.get(HomologyMetrics.argmax(scores)));
        for (int k = 0; k < scores.length; k++) {
            line.append('\t').append(families.get(k)).append('=').append(String.format(Locale.ROOT, "%.4f", scores[k]));
        }
        return line.toString();
    }
}
