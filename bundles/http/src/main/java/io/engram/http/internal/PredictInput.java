package io.engram.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.vavr.control.Either;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The input sequences of {@code POST /api/models/{name}/predict}, in the text format of
 * {@code engram predict} (one sequence per line, steps separated by {@code ;}, the features of a
 * step by {@code ,}; blank lines and lines starting with {@code #} skipped) or as JSON
 * {@code {"sequences": [[[...], ...], ...]}}. Every step must have the model's input size; a problem
 * names the line and step (text) or the index path (JSON). Stateless and thread-safe.
 */
final class PredictInput {

    private PredictInput() {
    }

    /** The sequences of a text body, or the first problem, naming its line and step. */
    static Either<String, List<double[][]>> text(String body, int inputSize) {
        List<double[][]> out = new ArrayList<>();
        String[] lines = body.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] steps = line.split(";", -1);
            double[][] seq = new double[steps.length][];
            for (int t = 0; t < steps.length; t++) {
                String[] cells = steps[t].strip().split(",", -1);
                if (cells.length != inputSize) {
                    return Either.left("line " + (i + 1) + ", step " + (t + 1) + ": " + cells.length
                            + " features, the model takes " + inputSize);
                }
                seq[t] = new double[inputSize];
                for (int f = 0; f < inputSize; f++) {
                    try {
                        seq[t][f] = Double.parseDouble(cells[f].strip());
                    } catch (NumberFormatException e) {
                        return Either.left("line " + (i + 1) + ", step " + (t + 1) + ", feature " + (f + 1)
                                + ": '" + cells[f].strip() + "' is not a number");
                    }
                    if (!Double.isFinite(seq[t][f])) {
                        return Either.left("line " + (i + 1) + ", step " + (t + 1) + ", feature " + (f + 1)
                                + ": not a finite number");
                    }
                }
            }
            out.add(seq);
        }
        return out.isEmpty() ? Either.left("no sequences: expected one sequence per line, steps separated by ';', "
                + "features by ','") : Either.right(out);
    }

    /** The sequences of a JSON body, or the first problem, naming its place. */
    static Either<String, List<double[][]>> json(byte[] body, int inputSize) {
        JsonNode root;
        try {
            root = ModelResource.MAPPER.readTree(body);
        } catch (IOException e) {
            return Either.left("body: not JSON: " + e.getMessage());
        }
        JsonNode seqs = root == null ? null : root.get("sequences");
        if (seqs == null || !seqs.isArray() || seqs.isEmpty()) {
            return Either.left("sequences: expected a non-empty array of sequences, each an array of steps");
        }
        List<double[][]> out = new ArrayList<>();
        for (int s = 0; s < seqs.size(); s++) {
            JsonNode seq = seqs.get(s);
            if (!seq.isArray()) {
                return Either.left("sequences[" + s + "]: expected an array of steps");
            }
            double[][] steps = new double[seq.size()][];
            for (int t = 0; t < seq.size(); t++) {
                JsonNode step = seq.get(t);
                String where = "sequences[" + s + "][" + t + "]";
                if (!step.isArray() || step.size() != inputSize) {
                    return Either.left(where + ": expected an array of " + inputSize + " numbers");
                }
                steps[t] = new double[inputSize];
                for (int f = 0; f < inputSize; f++) {
                    if (!step.get(f).isNumber()) {
                        return Either.left(where + "[" + f + "]: not a number");
                    }
                    steps[t][f] = step.get(f).asDouble();
                }
            }
            out.add(steps);
        }
        return Either.right(out);
    }
}
