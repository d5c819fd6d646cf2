package io.engram.app.proteinhomology.internal;

import io.engram.api.Application;
import io.engram.api.Dataset;
import io.engram.api.HyperParameter;
import io.engram.api.Hyperparameters;
import io.engram.api.Network;
import io.engram.api.Payloads;
import io.engram.api.PluginProperties;
import io.engram.api.PredictionFormat;
import io.engram.api.Problem;
import io.engram.api.Schema;
import io.engram.api.TaskData;
import io.engram.layers.SequenceOutputs;
import io.engram.layers.protein.Encoding;
import io.engram.layers.protein.FastaReader;
import io.engram.layers.protein.StockholmReader;
import io.engram.tensor.Ops;
import io.vavr.collection.Seq;
import io.vavr.control.Try;
import io.vavr.control.Validation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/**
 * Protein homology detection: whether a protein sequence belongs to a family, decided by a recurrent
 * network that reads the sequence residue by residue and answers at its last step (Hochreiter,
 * Heusel and Obermayer 2007, "Fast model-based protein homology detection without alignment",
 * Bioinformatics 23:1728, with an LSTM; here any recurrent family).
 *
 * <h2>Files</h2>
 * {@code train.file} and {@code test.file} are FASTA or Stockholm, told apart by their first line
 * ({@link FastaReader}, {@link StockholmReader}). A record's family comes from {@code data.labels}
 * (a TSV of {@code id<TAB>family}) where it names the record, else from a {@code label=FAMILY} word
 * in its FASTA header, or from the {@code #=GF ID} of its Stockholm alignment. Ids are unique across
 * both files. Every problem is reported at once as {@code file:line} and nothing is loaded.
 *
 * <h2>Sets</h2>
 * Without a {@code test.file}, a fraction {@code test.fraction} of each family is held out of the
 * training file for testing ({@link StratifiedSplit}); then {@code validation.fraction} of each
 * family of what remains is split off for validation. The splits and the resampling draw from
 * {@code split.seed}, or from the job's seed when it is -1. The families are the training
 * records' labels, sorted; they are the outputs, in that order.
 *
 * <h2>Encoding and targets</h2>
 * {@link Encoding}: {@code one-hot} (21 inputs) or {@code blosum62} (20). A sequence longer than
 * {@code max.length} is cut to its first {@code max.length} residues ({@code too.long=truncate}) or
 * refused ({@code refuse}). The only target is at the last step ({@link ProteinEncoder}).
 * {@code mode=multiclass}: softmax over the families, loss {@code softmax-ce}. {@code
 * mode=one-vs-rest}: one output per family, each a member/non-member decision through a sigmoid,
 * loss {@code sigmoid-bce}. {@code class.weights=balanced} resamples the training set so that every
 * family counts as much as the largest ({@link ClassBalance}); {@code none} leaves it as read.
 *
 * <h2>Metrics</h2>
 * {@link HomologyMetrics}: {@code accuracy}, {@code auc}, {@code roc50} and per family
 * {@code auc.<family>}, {@code roc50.<family>}, on the last step's outputs: softmax probabilities in
 * multiclass mode, the raw per-family scores in one-vs-rest mode. Data this application did not load
 * is scored as multiclass with families named {@code family1..K}.
 *
 * <h2>Checkpoints and predict</h2>
 * {@link #payloads} stores the family names in output order ({@value #FAMILIES}) and the mode
 * ({@value #MODE});
 * {@link #predictions} reads a FASTA file and prints each sequence's scores per family
 * ({@link FastaPredictions}).
 *
 * <p>Stateless and thread-safe.
 */
@Component(service = Application.class, property = PluginProperties.APPLICATION + "=protein-homology")
public final class ProteinHomologyApplication implements Application {
    static final String FAMILIES = "protein-homology.families";
    static final String MODE = "protein-homology.mode";

    static final Schema SCHEMA = Schema.of(
            HyperParameter.inputFile("train.file", null, "Training sequences: FASTA or Stockholm (told apart by the first line).").required(),
            HyperParameter.inputFile("test.file", "", "Test sequences (FASTA or Stockholm); empty: hold test.fraction of each family of train.file out."),
            HyperParameter.inputFile("labels", "", "Optional TSV 'id<TAB>family'; where it names a record it gives its family (else label=FAMILY in a FASTA header, or the alignment's #=GF ID)."),
            HyperParameter.real("test.fraction", 0.25, 0.0, 0.9, "Without test.file: the fraction of each family held out for testing."),
            HyperParameter.real("validation.fraction", 0.1, 0.0, 0.9, "The fraction of each family of the training part split off for validation."),
            HyperParameter.choice("encoding", "one-hot", Encoding.ids(), "one-hot: 20 residues + X (21 inputs); blosum62: the residue's BLOSUM62 row / 4 (20 inputs)."),
            HyperParameter.choice("mode", ProteinSettings.MULTICLASS, List.of(ProteinSettings.MULTICLASS, ProteinSettings.ONE_VS_REST),
                    "multiclass: softmax over the families (softmax-ce); one-vs-rest: one sigmoid member/non-member output per family (sigmoid-bce)."),
            HyperParameter.choice("class.weights", "balanced", List.of("balanced", "none"),
                    "balanced: resample the training set so that every family has as many sequences as the largest; none: as read."),
            HyperParameter.integer("max.length", 2000, 1, 1_000_000, "The longest sequence taken, in residues."),
            HyperParameter.choice("too.long", "truncate", List.of("truncate", "refuse"),
                    "A longer sequence: truncate to its first max.length residues, or refuse the file (naming file:line)."),
            HyperParameter.integer("split.seed", -1, -1, Integer.MAX_VALUE, "Seed of the splits and the resampling; -1: the job's seed."));

    @Override
    public String id() {
        return "protein-homology";
    }

    @Override
    public String description() {
        return "Protein family membership from FASTA and Stockholm files, decided at the last residue; ROC-AUC and ROC50.";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public Try<TaskData> load(Hyperparameters params, long seed) {
        return Try.of(() -> new ProteinLoader(ProteinSettings.of(validated(params))).load(seed));
    }

    /** {@code softmax-ce} for {@code mode=multiclass}, {@code sigmoid-bce} for {@code one-vs-rest}. */
    @Override
    public Optional<String> loss(Hyperparameters params) {
        Validation<Seq<Problem>, Hyperparameters> v = SCHEMA.validate(params.asStrings(), "data.");
        return v.isInvalid() ? Optional.empty() : Optional.of(ProteinSettings.of(v.get()).loss());
    }

    @Override
    public Map<String, Double> evaluate(Network network, Ops ops, Dataset data) {
        return evaluate(network, ops, data, 0L);
    }

    @Override
    public Map<String, Double> evaluate(Network network, Ops ops, Dataset data, long seed) {
        TaskInfo info = TaskInfo.of(data).orElseGet(() -> TaskInfo.unnamed(data.outputSize()));
        List<double[][]> outputs = SequenceOutputs.of(network, ops, data, seed);
        double[][] scores = new double[data.size()][];
        int[] truth = new int[data.size()];
        for (int i = 0; i < data.size(); i++) {
            double[] last = outputs.get(i)[data.get(i).length() - 1];
            scores[i] = info.oneVsRest() ? last : SequenceOutputs.softmax(last);
            truth[i] = HomologyMetrics.argmax(data.get(i).targets()[data.get(i).length() - 1]);
        }
        return HomologyMetrics.of(info.families(), scores, truth);
    }

    @Override
    public Payloads payloads(TaskData data) {
        TaskInfo info = TaskInfo.of(data.train()).orElseGet(() -> TaskInfo.unnamed(data.outputSize()));
        return new Payloads(Map.of(), Map.of(), Map.of(FAMILIES, info.families(),
                MODE, List.of(info.oneVsRest() ? ProteinSettings.ONE_VS_REST : ProteinSettings.MULTICLASS)));
    }

    @Override
    public Optional<PredictionFormat> predictions(Hyperparameters params, Payloads payloads) {
        Validation<Seq<Problem>, Hyperparameters> v = SCHEMA.validate(params.asStrings(), "data.");
        Optional<List<String>> families = payloads.strings(FAMILIES);
        if (v.isInvalid() || families.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FastaPredictions(ProteinSettings.of(v.get()), families.get()));
    }

    private static Hyperparameters validated(Hyperparameters params) {
        Validation<Seq<Problem>, Hyperparameters> v = SCHEMA.validate(params.asStrings(), "data.");
        if (v.isInvalid()) {
            throw new InvalidData(v.getError());
        }
        return v.get();
    }
}
