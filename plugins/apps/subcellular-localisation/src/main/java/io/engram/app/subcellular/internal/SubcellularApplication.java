package io.engram.app.subcellular.internal;

import io.engram.api.Application;
import io.engram.api.Dataset;
import io.engram.api.HyperParameter;
import io.engram.api.Hyperparameters;
import io.engram.api.Network;
import io.engram.api.Payloads;
import io.engram.api.PluginProperties;
import io.engram.api.Problem;
import io.engram.api.Schema;
import io.engram.api.TaskData;
import io.engram.layers.SequenceOutputs;
import io.engram.layers.classify.ConfusionMatrix;
import io.engram.layers.protein.Encoding;
import io.engram.tensor.Ops;
import io.vavr.collection.Seq;
import io.vavr.control.Try;
import io.vavr.control.Validation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/**
 * Subcellular localisation: the compartment a protein is sorted to, named by a recurrent network
 * that reads the sequence residue by residue and answers at the last one (as in Hochreiter, Heusel
 * and Obermayer 2007 for protein classes; for localisation with recurrent networks, e.g. Sønderby et
 * al. 2015, "Convolutional LSTM networks for subcellular localization of proteins").
 *
 * <h2>Data</h2>
 * {@code data.source=files} reads FASTA or Stockholm with the protein applications' readers
 * ({@link io.engram.layers.protein.SequenceFiles}): a record's compartment is the {@code loc=CLASS}
 * word of its FASTA header (another key through {@code label.key}), its alignment's {@code #=GF ID},
 * or what the {@code labels} table ({@code id<TAB>class}) says of its id. Every problem is reported
 * at once as {@code file:line} and nothing is loaded. {@code data.source=synthetic} generates
 * sequences with planted sorting signals ({@link LocalisationSignals}: signal peptide, ER retention,
 * mitochondrial transit peptide, nuclear localisation signal, peroxisomal SKL, or none) over a
 * background with the residue frequencies of Debian's emboss-test Swiss-Prot sample.
 * Without a {@code test.file}, {@code test.fraction} of each class is held out; then
 * {@code validation.fraction} of each class of the rest (seed {@code split.seed}, or the job's).
 * {@code class.weights=balanced} resamples the training part so that each class counts the same.
 *
 * <h2>Inputs, targets and metrics</h2>
 * One step per residue, encoded {@code one-hot} or {@code blosum62} ({@link Encoding}); the one
 * target, at the last step, is the compartment over the classes sorted by name; loss
 * {@code softmax-ce}. Metrics: {@code accuracy}, {@code macro.f1}, and per class
 * {@code precision.C}, {@code recall.C} and {@code f1.C} ({@link ConfusionMatrix}); beside them the
 * baselines' {@code baseline.majority.accuracy} and {@code .macro.f1} (always the most frequent
 * training class) and {@code baseline.composition.accuracy} and {@code .macro.f1} (the nearest class
 * centroid of the mean input vector, which under one-hot encoding is the amino-acid composition).
 * When {@code report} names a path prefix, evaluating the test set writes the network's confusion
 * matrix as {@code <report>.csv} and {@code <report>.png}.
 *
 * <p>Stateless and thread-safe.
 */
@Component(service = Application.class, property = PluginProperties.APPLICATION + "=subcellular")
public final class SubcellularApplication implements Application {
    static final String CLASSES = "subcellular.classes";

    static final Schema SCHEMA = Schema.of(
            HyperParameter.choice("source", "synthetic", List.of("synthetic", "files"),
                    "synthetic: sequences with planted sorting signals; files: train.file (and test.file), FASTA or Stockholm."),
            HyperParameter.inputFile("train.file", "", "With source=files: training sequences, FASTA or Stockholm."),
            HyperParameter.inputFile("test.file", "", "With source=files: test sequences; empty: hold test.fraction of each class out."),
            HyperParameter.inputFile("labels", "", "Optional TSV 'id<TAB>class'; where it names a record it gives its compartment."),
            HyperParameter.text("label.key", "loc=", "The header word that gives a FASTA record's compartment: '>id loc=Nucleus'."),
            HyperParameter.real("test.fraction", 0.25, 0.0, 0.9, "Without test.file: the fraction of each class held out for testing."),
            HyperParameter.real("validation.fraction", 0.1, 0.0, 0.9, "The fraction of each class of the training part split off for validation."),
            HyperParameter.choice("encoding", "one-hot", Encoding.ids(), "one-hot: 20 residues + X (21 inputs); blosum62: the residue's BLOSUM62 row / 4 (20 inputs)."),
            HyperParameter.choice("class.weights", "balanced", List.of("balanced", "none"),
                    "balanced: resample the training part so that every class has as many sequences as the largest; none: as read."),
            HyperParameter.integer("max.residues", 400, 2, 1_000_000, "A longer sequence keeps its first and last max.residues/2 residues, where the signals lie."),
            HyperParameter.integer("per.class", 200, 1, 1_000_000, "Synthetic: sequences per compartment."),
            HyperParameter.integer("min.length", 60, 20, 100_000, "Synthetic: the shortest sequence, signals included."),
            HyperParameter.integer("max.length", 160, 20, 100_000, "Synthetic: the longest sequence, signals included."),
            HyperParameter.real("mutation", 0.05, 0.0, 1.0, "Synthetic: the chance that a residue of a planted signal is replaced by a background residue."),
            HyperParameter.real("decoy", 0.5, 0.0, 1.0, "Synthetic: the chance of each decoy (a hydrophobic stretch, a transit-like stretch, an internal KDEL or SKL) in the middle of any sequence."),
            HyperParameter.outputPath("report", "", "Path prefix, inside the output folder (data/outputs/), of the test set's confusion matrix, written as .csv and .png; empty: none."),
            HyperParameter.integer("split.seed", -1, -1, Integer.MAX_VALUE, "Seed of the generator, the splits and the resampling; -1: the job's seed."));

    @Override
    public String id() {
        return "subcellular";
    }

    @Override
    public String description() {
        return "Subcellular localisation from FASTA or Stockholm (or planted sorting signals), named at the last residue; "
                + "per-class precision, recall and F1 beside majority-class and composition baselines.";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public Try<TaskData> load(Hyperparameters params, long seed) {
        return Try.of(() -> new SubcellularLoader(SubcellularSettings.of(validated(params))).load(seed));
    }

    @Override
    public Optional<String> loss(Hyperparameters params) {
        return Optional.of("softmax-ce");
    }

    @Override
    public Map<String, Double> evaluate(Network network, Ops ops, Dataset data) {
        return evaluate(network, ops, data, 0L);
    }

    @Override
    public Map<String, Double> evaluate(Network network, Ops ops, Dataset data, long seed) {
        return metrics(data, SequenceOutputs.of(network, ops, data, seed));
    }

    /** The metrics of {@code data} for the network's {@code outputs}, one {@code [time][output]} per sequence. */
    static Map<String, Double> metrics(Dataset data, List<double[][]> outputs) {
        SubcellularInfo info = SubcellularInfo.of(data).orElseGet(() -> SubcellularInfo.unnamed(data.outputSize()));
        int n = data.size();
        int[] truth = new int[n];
        int[] predicted = new int[n];
        int[] majority = new int[n];
        int[] composition = new int[n];
        for (int i = 0; i < n; i++) {
            int last = data.get(i).length() - 1;
            predicted[i] = argmax(outputs.get(i)[last]);
            truth[i] = argmax(data.get(i).targets()[last]);
            if (info.centroids() != null) {
                majority[i] = info.majority();
                composition[i] = info.nearestCentroid(data.get(i).inputs());
            }
        }
        ConfusionMatrix net = ConfusionMatrix.of(info.classes(), truth, predicted);
        Map<String, Double> m = new LinkedHashMap<>(net.metrics("", true));
        if (info.centroids() != null) {
            m.putAll(ConfusionMatrix.of(info.classes(), truth, majority).metrics("baseline.majority.", false));
            m.putAll(ConfusionMatrix.of(info.classes(), truth, composition).metrics("baseline.composition.", false));
        }
        if (!info.report().isEmpty()) {
            try {
                net.write(Path.of(info.report()), "subcellular localisation: network, test set");
            } catch (IOException e) {
                throw new UncheckedIOException("data.report: cannot write '" + info.report() + "': " + e.getMessage(), e);
            }
        }
        return m;
    }

    @Override
    public Payloads payloads(TaskData data) {
        SubcellularInfo info = SubcellularInfo.of(data.train()).orElseGet(() -> SubcellularInfo.unnamed(data.outputSize()));
        return new Payloads(Map.of(), Map.of(), Map.of(CLASSES, info.classes()));
    }

    static int argmax(double[] v) {
        int best = 0;
        for (int k = 1; k < v.length; k++) {
            best = v[k] > v[best] ? k : best;
        }
        return best;
    }

    private static Hyperparameters validated(Hyperparameters params) {
        Validation<Seq<Problem>, Hyperparameters> v = SCHEMA.validate(params.asStrings(), "data.");
        if (v.isInvalid()) {
            throw new InvalidData(v.getError());
        }
        return v.get();
    }
}
