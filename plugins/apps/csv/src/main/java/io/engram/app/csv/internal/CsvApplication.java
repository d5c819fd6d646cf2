package io.engram.app.csv.internal;

import io.engram.api.Application;
import io.engram.api.DataShape;
import io.engram.api.Dataset;
import io.engram.api.HyperParameter;
import io.engram.api.Hyperparameters;
import io.engram.api.Network;
import io.engram.api.PluginProperties;
import io.engram.api.Problem;
import io.engram.api.Schema;
import io.engram.api.Sequence;
import io.engram.api.TaskData;
import io.engram.layers.SequenceOutputs;
import io.engram.tensor.Ops;
import io.vavr.collection.Seq;
import io.vavr.control.Try;
import io.vavr.control.Validation;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Sequence datasets read from CSV or TSV files.
 *
 * <h2>File layout</h2>
 * UTF-8 text; the first line that is neither blank nor a comment ({@code #...}) is a header naming
 * the columns; fields are separated by the delimiter (comma, or tab for {@code .tsv} and
 * {@code .tab} files unless {@code delimiter} says otherwise) and may be double-quoted (RFC 4180).
 * Two layouts:
 * <ul>
 *   <li>{@code layout=rows} (default): one row per time step. A sequence is a block of rows ended by a
 *   blank line, or, when {@code sequence.column} is set, a run of rows with the same value in that
 *   column (the rows of a sequence must be contiguous).</li>
 *   <li>{@code layout=lines}: one sequence per line; its steps are separated by {@code ;} and each
 *   step has the header's fields, e.g. header {@code x1,x2,y} and line {@code 0.1,0.2,1;0.3,0.1,0}.
 *   A trailing {@code ;} is allowed.</li>
 * </ul>
 * {@code input.columns} and {@code target.columns} name the columns (comma-separated) that make a
 * step's inputs and targets. With {@code target.steps=all} every step whose target cells are filled
 * has a target and a step whose target cells are all empty has none; with {@code last} only the last
 * step of each sequence has one (sequence classification or regression). With {@code loss=mse} the
 * targets are numbers; with {@code loss=softmax-ce} a single target column holds class labels (one
 * output per class, in the order of {@code classes}, by default the training file's distinct labels,
 * sorted), and several target columns hold a probability vector.
 *
 * <h2>Sets</h2>
 * {@code file} gives the training sequences. {@code validation.file} gives validation sequences; when
 * it is empty, a fraction {@code validation.fraction} of a seeded shuffle of {@code file} is split
 * off (seed {@code shuffle.seed}, or the job's seed when -1). {@code test.file} gives held-apart test
 * sequences (optional). The three are {@link io.engram.api.ParamType#INPUT_FILE input files}: the kernel
 * resolves them inside its data roots before the application sees them. Padding and masks come
 * from {@link Dataset#batches}. The digest is the SHA-256 of the files' bytes, in the order train,
 * validation, test.
 *
 * <h2>Errors and limits</h2>
 * Every malformed line is reported as {@code file:line} (and {@code step k} in the lines layout) with
 * what was wrong, all at once, up to {@value Problems#CAP} problems and a count of the rest. A
 * problem never quotes the file's text: it names the file, the line, the column (by the name the
 * spec gave, or by number), the step or the byte offset. Bytes that are not UTF-8 are refused at the
 * first one, by offset. A file larger than {@code max.file.bytes} (default 1 GiB), a line longer than
 * {@code max.line.chars} (1,000,000), a header of more than {@code max.columns} (100,000) columns and
 * a sequence of more than {@code max.sequence.steps} (1,000,000) steps are refused before their data
 * is allocated (configuration PID {@code io.engram.app.csv}, {@link CsvConfiguration}).
 *
 * <h2>Shape</h2>
 * {@link #shape} bounds the data from the files' sizes and their header lines (see {@link CsvShape}).
 *
 * <h2>Metrics</h2>
 * When every target is one-hot (classification): {@code accuracy}, the fraction of target steps
 * whose largest output is the target class, and {@code softmax-ce}, the mean cross-entropy (lower is
 * better). Otherwise {@code mse} and {@code mae} over the target steps (lower is better).
 *
 * <p>Stateless and thread-safe.
 */
@Component(service = Application.class, property = PluginProperties.APPLICATION + "=csv",
        configurationPid = "io.engram.app.csv", configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = CsvConfiguration.class)
public final class CsvApplication implements Application {
    static final Schema SCHEMA = Schema.of(
            HyperParameter.inputFile("file", null, "Path of the training file (CSV, or TSV for .tsv/.tab).").required(),
            HyperParameter.inputFile("validation.file", "", "Path of a validation file; empty: split validation.fraction off the training file."),
            HyperParameter.inputFile("test.file", "", "Path of a held-apart test file (optional)."),
            HyperParameter.choice("delimiter", "auto", java.util.List.of("auto", "comma", "tab"),
                    "Field delimiter; auto: tab for .tsv and .tab files, comma otherwise."),
            HyperParameter.choice("layout", "rows", java.util.List.of("rows", "lines"),
                    "rows: one row per step, sequences separated by a blank line or by sequence.column; lines: one sequence per line, steps separated by ';'."),
            HyperParameter.text("sequence.column", "", "rows layout: column holding a sequence id (optional)."),
            HyperParameter.text("input.columns", null, "Comma-separated names of the input columns.").required(),
            HyperParameter.text("target.columns", null, "Comma-separated names of the target columns.").required(),
            HyperParameter.choice("target.steps", "all", java.util.List.of("all", "last"),
                    "all: every step with filled target cells has a target; last: only the last step of each sequence."),
            HyperParameter.choice("loss", "mse", java.util.List.of("mse", "softmax-ce"),
                    "mse: numeric targets; softmax-ce: class labels in one column, or a probability vector."),
            HyperParameter.text("classes", "", "softmax-ce with one target column: the labels in output order (default: the training file's labels, sorted)."),
            HyperParameter.real("validation.fraction", 0.2, 0.0, 0.9, "Fraction of the training file split off for validation when there is no validation.file."),
            HyperParameter.integer("shuffle.seed", -1, -1, Integer.MAX_VALUE, "Seed of the shuffle before the validation split; -1: the job's seed."));

    private final CsvLimits limits;

    @Activate
    public CsvApplication(CsvConfiguration config) {
        this(CsvLimits.of(config));
    }

    /** The application with the default limits. */
    public CsvApplication() {
        this(CsvLimits.DEFAULT);
    }

    CsvApplication(CsvLimits limits) {
        this.limits = limits;
    }

    @Override
    public String id() {
        return "csv";
    }

    @Override
    public String description() {
        return "Sequence datasets read from CSV and TSV files.";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public Try<TaskData> load(Hyperparameters params, long seed) {
        return Try.of(() -> {
            Validation<Seq<Problem>, Hyperparameters> v = SCHEMA.validate(params.asStrings(), "data.");
            if (v.isInvalid()) {
                throw new InvalidData(v.getError());
            }
            return read(CsvSettings.of(v.get()), seed);
        });
    }

    /** {@code data.loss}. */
    @Override
    public Optional<String> loss(Hyperparameters params) {
        Validation<Seq<Problem>, Hyperparameters> v = SCHEMA.validate(params.asStrings(), "data.");
        return v.isInvalid() ? Optional.empty() : Optional.of(v.get().getString("loss"));
    }

    /**
     * The target columns, or for a single label column read with {@code softmax-ce} the classes that
     * {@code classes} lists (none when the classes come from the data).
     */
    @Override
    public java.util.List<String> outputNames(Hyperparameters params) {
        Validation<Seq<Problem>, Hyperparameters> v = SCHEMA.validate(params.asStrings(), "data.");
        if (v.isInvalid()) {
            return java.util.List.of();
        }
        CsvSettings s = CsvSettings.of(v.get());
        return s.labels() ? s.classes() : s.targetColumns();
    }

    @Override
    public Optional<DataShape> shape(Hyperparameters params) {
        Validation<Seq<Problem>, Hyperparameters> v = SCHEMA.validate(params.asStrings(), "data.");
        return v.isInvalid() ? Optional.empty() : CsvShape.of(CsvSettings.of(v.get()), limits);
    }

    private TaskData read(CsvSettings s, long seed) {
        Problems problems = new Problems();
        if (s.file().isEmpty()) {
            problems.add("data.file", "required: the path of the training file");
        }
        if (s.inputColumns().isEmpty()) {
            problems.add("data.input.columns", "name at least one input column");
        }
        if (s.targetColumns().isEmpty()) {
            problems.add("data.target.columns", "name at least one target column");
        }
        if (s.layout().equals("lines") && !s.sequenceColumn().isEmpty()) {
            problems.add("data.sequence.column", "applies to layout=rows only; in layout=lines each line is a sequence");
        }
        if (!s.classes().isEmpty() && !s.labels()) {
            problems.add("data.classes", "applies to loss=softmax-ce with a single target column");
        }
        if (!problems.isEmpty()) {
            throw new InvalidData(problems.all());
        }
        List<String> names = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        for (String f : List.of(s.file(), s.validationFile(), s.testFile())) {
            if (f.isEmpty()) {
                continue;
            }
            byte[] bytes = Input.read(f, limits, problems);
            if (bytes != null) {
                contents.add(bytes);
                names.add(f);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidData(problems.all());
        }
        List<RawSequence> rawTrain = CsvReader.read(s.file(), contents.get(0), s, limits, problems);
        int next = 1;
        List<RawSequence> rawValidation = s.validationFile().isEmpty() ? null
                : CsvReader.read(s.validationFile(), contents.get(next++), s, limits, problems);
        List<RawSequence> rawTest = s.testFile().isEmpty() ? List.of()
                : CsvReader.read(s.testFile(), contents.get(next), s, limits, problems);
        List<String> classes = s.labels() ? Targets.classes(s, rawTrain) : List.of();
        if (s.labels() && classes.size() < 2 && problems.isEmpty()) {
            problems.add(s.classes().isEmpty() ? s.file() : "data.classes",
                    "classification needs at least two classes, found " + classes.size());
        }
        List<Sequence> train = Targets.type(rawTrain, s, classes, problems);
        List<Sequence> validation = rawValidation == null ? null : Targets.type(rawValidation, s, classes, problems);
        List<Sequence> test = Targets.type(rawTest, s, classes, problems);
        if (problems.isEmpty() && train.isEmpty()) {
            problems.add(s.file(), "holds no sequences");
        }
        if (!problems.isEmpty()) {
            throw new InvalidData(problems.all());
        }
        int in = s.inputColumns().size();
        int out = s.labels() ? classes.size() : s.targetColumns().size();
        Dataset all = new Dataset(train, in, out);
        Dataset trainSet;
        Dataset validationSet;
        if (validation == null) {
            List<Dataset> split = all.split(s.validationFraction(), s.shuffleSeed() < 0 ? seed : s.shuffleSeed());
            trainSet = split.get(0);
            validationSet = split.get(1);
        } else {
            trainSet = all;
            validationSet = new Dataset(validation, in, out);
        }
        String source = "csv:" + String.join(",", names);
        return new TaskData(trainSet, validationSet, new Dataset(test, in, out), s.loss(), source, sha256(contents));
    }

    private static String sha256(List<byte[]> contents) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
        for (byte[] c : contents) {
            md.update(ByteBuffer.allocate(8).putLong(c.length).array());
            md.update(c);
        }
        StringBuilder hex = new StringBuilder();
        for (byte b : md.digest()) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }

    @Override
    public Map<String, Double> evaluate(Network network, Ops ops, Dataset data) {
        return evaluate(network, ops, data, 0L);
    }

    @Override
    public Map<String, Double> evaluate(Network network, Ops ops, Dataset data, long seed) {
        List<double[][]> outputs = SequenceOutputs.of(network, ops, data, seed);
        boolean classification = data.outputSize() >= 2 && oneHot(data);
        double a = 0;
        double b = 0;
        int count = 0;
        for (int i = 0; i < data.size(); i++) {
            Sequence seq = data.get(i);
            for (int t = 0; t < seq.length(); t++) {
                if (!seq.hasTarget(t)) {
                    continue;
                }
                double[] y = outputs.get(i)[t];
                if (classification) {
                    int best = 0;
                    int target = 0;
                    for (int k = 0; k < y.length; k++) {
                        best = y[k] > y[best] ? k : best;
                        target = seq.target(t, k) > seq.target(t, target) ? k : target;
                    }
                    a += best == target ? 1 : 0;
                    b -= Math.log(Math.max(SequenceOutputs.softmax(y)[target], 1e-300));
                    count++;
                } else {
                    for (int k = 0; k < y.length; k++) {
                        double e = y[k] - seq.target(t, k);
                        a += e * e;
                        b += Math.abs(e);
                        count++;
                    }
                }
            }
        }
        double n = Math.max(count, 1);
        Map<String, Double> m = new LinkedHashMap<>();
        if (classification) {
            m.put("accuracy", a / n);
            m.put("softmax-ce", b / n);
        } else {
            m.put("mse", a / n);
            m.put("mae", b / n);
        }
        return m;
    }

    private static boolean oneHot(Dataset data) {
        for (Sequence s : data.sequences()) {
            for (int t = 0; t < s.length(); t++) {
                if (!s.hasTarget(t)) {
                    continue;
                }
                int ones = 0;
                for (int k = 0; k < data.outputSize(); k++) {
                    double v = s.target(t, k);
                    if (v == 1) {
                        ones++;
                    } else if (v != 0) {
                        return false;
                    }
                }
                if (ones != 1) {
                    return false;
                }
            }
        }
        return data.size() > 0;
    }
}
