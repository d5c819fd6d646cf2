package io.engram.app.translation.internal;

import io.engram.api.PredictionFormat;
import io.vavr.control.Try;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code engram predict} on a file of sentences, one a line (UTF-8): each line is tokenised with the
 * checkpoint's source vocabulary (and BPE merges), its translation is printed as one detokenised
 * line, and the attention of a network that attends becomes a heat map of target tokens (rows, the
 * end token included when emitted) over source tokens (columns, the end token last). A blank line, a
 * line that is not UTF-8 or is too long is an error naming {@code file:line}. Used by one thread at a
 * time.
 */
final class SentenceFormat implements PredictionFormat {
    private final TextCodec source;
    private final TextCodec target;
    private final int maxLineBytes;

    SentenceFormat(TextCodec source, TextCodec target, int maxLineBytes) {
        this.source = source;
        this.target = target;
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    public Try<List<Record>> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return Try.failure(e);
        }
        return Try.of(() -> {
            Problems problems = new Problems();
            List<Pair> sentences = CorpusReader.sentences(file.toString(), bytes, maxLineBytes, problems);
            problems.check();
            List<Record> records = new ArrayList<>();
            for (Pair p : sentences) {
                records.add(new Record(p.where(), p.source(),
                        Encoding.oneHot(source.encode(p.source()), source.vocabulary().size())));
            }
            return records;
        });
    }

    @Override
    public String format(Record record, Prediction prediction) {
        return target.decode(prediction.tokens());
    }

    @Override
    public Optional<Heatmap> heatmap(Record record, Prediction prediction) {
        double[][] attention = prediction.attention();
        if (attention.length == 0) {
            return Optional.empty();
        }
        List<String> columns = new ArrayList<>(source.tokens(record.text()));
        columns.add(Vocabulary.END_TOKEN);
        List<String> rows = new ArrayList<>();
        int[] tokens = prediction.tokens();
        for (int i = 0; i < attention.length; i++) {
            rows.add(i < tokens.length ? target.vocabulary().token(tokens[i]) : "?");
        }
        double[][] values = new double[attention.length][];
        for (int i = 0; i < attention.length; i++) {
            values[i] = Arrays.copyOf(attention[i], columns.size());
        }
        return Optional.of(new Heatmap(record.name() + ": " + record.text(), rows, columns, values));
    }
}
