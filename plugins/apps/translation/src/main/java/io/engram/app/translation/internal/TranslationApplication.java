package io.engram.app.translation.internal;

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
import io.engram.tensor.Ops;
import io.vavr.collection.Seq;
import io.vavr.control.Try;
import io.vavr.control.Validation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Machine translation from a parallel corpus in TSV ({@code source<TAB>target}, UTF-8, one pair a
 * line; see {@link CorpusReader}), for an encoder-decoder ({@code model.family=seq2seq}).
 *
 * <p>Data: validation and test pairs come from their own files, or are split off the training file
 * by a seeded shuffle. Sentences are split into words and punctuation ({@link WordTokenizer},
 * optionally lower-cased), then with {@code tokens=bpe} into subwords ({@link Bpe}, merges learned
 * from the training side only); each language has its own vocabulary of the most frequent training
 * tokens, id 0 {@code </s>} (it starts and ends a target), id 1 {@code <unk>}. A pair becomes a
 * sequence whose inputs are the source tokens one-hot, then {@code </s>}, and whose labels are the
 * target ids, then {@code </s>}; loss {@code softmax-ce}; input size the source vocabulary's, output
 * size the target's.
 *
 * <p>Metrics ({@link TranslationMetrics}): corpus {@code bleu} and {@code chrf} of greedy decoding,
 * {@code bleu.beam} and {@code chrf.beam} with {@code beam > 1}, and {@code bleu.copy}, the BLEU of
 * copying the source. The vocabularies and merges go into checkpoints ({@link CodecPayloads}), and
 * {@code engram predict} translates a file of sentences line by line ({@link SentenceFormat}).
 *
 * <p>The datasets carry a {@link TranslationContext} (codecs and sentences) for {@code evaluate} and
 * {@code payloads}. Stateless and thread-safe.
 */
@Component(service = Application.class, property = PluginProperties.APPLICATION + "=translation")
public final class TranslationApplication implements Application {
    static final Schema SCHEMA = Schema.of(
            HyperParameter.inputFile("file", null, "Parallel corpus: source<TAB>target, UTF-8, one pair a line (the training pairs, and those split off for validation and test when they have no file).").required(),
            HyperParameter.inputFile("validation.file", "", "Validation pairs in the same format; empty: split validation.fraction off file."),
            HyperParameter.inputFile("test.file", "", "Test pairs in the same format; empty: split test.fraction off file."),
            HyperParameter.real("validation.fraction", 0.05, 0.0, 0.5, "Fraction of file's pairs held out for validation when there is no validation.file."),
            HyperParameter.real("test.fraction", 0.05, 0.0, 0.5, "Fraction of file's pairs held out for testing when there is no test.file."),
            HyperParameter.integer("shuffle.seed", -1, -1, Integer.MAX_VALUE, "Seed of the shuffle before the splits; -1: the job's seed."),
            HyperParameter.choice("tokens", "word", List.of("word", "bpe"), "word: words and punctuation marks; bpe: byte-pair-encoded subwords of them (Sennrich et al. 2016)."),
            HyperParameter.bool("lowercase", true, "Lower-case both sides before tokenising (BLEU and chrF then compare lower-cased text)."),
            HyperParameter.integer("bpe.merges", 1000, 0, 1_000_000, "tokens=bpe: merges learned per language from the training side."),
            HyperParameter.integer("source.vocabulary", 2000, 3, 1_000_000, "Most source tokens, </s> and <unk> included; rarer ones become <unk>."),
            HyperParameter.integer("target.vocabulary", 2000, 3, 1_000_000, "Most target tokens, </s> and <unk> included; rarer ones become <unk>."),
            HyperParameter.integer("beam", 1, 1, 64, "Beam width for the bleu.beam and chrf.beam metrics; 1: greedy decoding only."),
            HyperParameter.real("length.penalty", 0.0, 0.0, 10.0, "Beam search ranks hypotheses by log probability / ((5 + length) / 6)^alpha (Wu et al. 2016); this is alpha, 0: by log probability."),
            HyperParameter.integer("max.line.bytes", 4096, 16, 1 << 24, "Longest line accepted, in bytes."));

    @Activate
    public TranslationApplication() {
    }

    @Override
    public String id() {
        return "translation";
    }

    @Override
    public String description() {
        return "Machine translation from a parallel corpus in TSV; BLEU and chrF.";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public Try<TaskData> load(Hyperparameters params, long seed) {
        return Try.of(() -> {
            return ParallelData.build(settings(params), seed).data();
        });
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
        return TranslationMetrics.of(network, ops, data, seed);
    }

    /**
     * The vocabularies (and merges) {@code data} was encoded with.
     *
     * @throws IllegalArgumentException when {@code data} was not loaded by this application
     */
    @Override
    public Payloads payloads(TaskData data) {
        TranslationContext e = data.train().context(TranslationContext.class).orElseThrow(() ->
                new IllegalArgumentException("translation: the data carries no vocabularies; it was not loaded by "
                        + "the translation application"));
        return CodecPayloads.of(e.source(), e.target());
    }

    @Override
    public Optional<PredictionFormat> predictions(Hyperparameters params, Payloads payloads) {
        TranslationSettings s = settings(params);
        return Optional.of(new SentenceFormat(CodecPayloads.codec(payloads, "source", s),
                CodecPayloads.codec(payloads, "target", s), s.maxLineBytes()));
    }

    private static TranslationSettings settings(Hyperparameters params) {
        Validation<Seq<Problem>, Hyperparameters> v = SCHEMA.validate(params.asStrings(), "data.");
        if (v.isInvalid()) {
            throw new InvalidData(v.getError());
        }
        return TranslationSettings.of(v.get());
    }
}
