package io.engram.kernel.internal;

import io.engram.api.PredictionFormat;
import io.engram.kernel.Predictor;
import io.engram.kernel.Predictor.FilePrediction;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the records of a user's file through a restored network and formats each result with the
 * application's {@link PredictionFormat}, for {@link Predictor#predictFile}: record {@code i} runs as
 * {@link ModelRun#predict} runs stream {@code i} of the job's seed. Stateless; one thread.
 */
final class FilePredictions {
    private FilePredictions() {
    }

    static List<FilePrediction> run(PredictorComponent.Restored restored, PredictionFormat format,
                                    List<PredictionFormat.Record> records, boolean softmax, Predictor.Decode decoding,
                                    long seed) {
        int in = restored.network().spec().inputSize();
        String problems = PredictorComponent.checkInputs(records.stream().map(PredictionFormat.Record::inputs).toList(),
                in);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the application encoded records that do not fit the model: " + problems);
        }
        List<FilePrediction> out = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            PredictionFormat.Record record = records.get(i);
            PredictionFormat.Prediction p = ModelRun.predict(restored.network(), restored.ops(), record.inputs(),
                    softmax, decoding, seed, i);
            out.add(new FilePrediction(record, p, format.format(record, p), format.heatmap(record, p)));
        }
        return out;
    }
}
