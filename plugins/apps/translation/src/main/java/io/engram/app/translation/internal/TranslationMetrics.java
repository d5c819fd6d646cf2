package io.engram.app.translation.internal;

import io.engram.api.Dataset;
import io.engram.api.Network;
import io.engram.api.Sequence;
import io.engram.layers.LengthPenalty;
import io.engram.tensor.Ops;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The translation metrics of a network on a dataset: corpus {@code bleu} ({@link Bleu#corpus}) and
 * {@code chrf} ({@link ChrF#corpus}) of the greedy translations, {@code bleu.beam} and
 * {@code chrf.beam} of beam search (width {@code data.beam}, hypotheses ranked by log probability over
 * the length penalty of Wu et al. 2016 with {@code data.length.penalty}) when {@code data.beam > 1}, and
 * {@code bleu.copy}: the BLEU of copying each source sentence unchanged, the trivial baseline.
 *
 * <p>Translations are detokenised and scored against the reference sentences as written in the file
 * (lower-cased, with white space collapsed, when {@code data.lowercase} is on, as sacrebleu
 * {@code -lc}). A dataset without a {@link TranslationContext} is scored on its token ids instead,
 * each id a word. Stateless.
 */
final class TranslationMetrics {

    private TranslationMetrics() {
    }

    static Map<String, Double> of(Network network, Ops ops, Dataset data, long seed) {
        Optional<TranslationContext> entry = data.context(TranslationContext.class);
        List<String> references = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (Sequence s : data.sequences()) {
            Optional<TranslationContext.Texts> texts = entry.map(e -> e.texts().get(TranslationContext.key(s)));
            references.add(texts.isPresent() ? entry.get().target().words().normalize(texts.get().reference())
                    : text(Encoding.target(s), entry.map(TranslationContext::target)));
            sources.add(texts.isPresent() ? entry.get().source().words().normalize(texts.get().source())
                    : text(Encoding.source(s), entry.map(TranslationContext::source)));
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        List<String> greedy = texts(Translator.greedy(network, ops, data, seed), entry);
        metrics.put("bleu", Bleu.corpus(greedy, references));
        metrics.put("chrf", ChrF.corpus(greedy, references));
        int beam = entry.map(TranslationContext::beam).orElse(1);
        if (beam > 1) {
            List<String> beamed = texts(Translator.beam(network, ops, data, beam,
                    new LengthPenalty(entry.get().lengthPenalty()), seed), entry);
            metrics.put("bleu.beam", Bleu.corpus(beamed, references));
            metrics.put("chrf.beam", ChrF.corpus(beamed, references));
        }
        metrics.put("bleu.copy", Bleu.corpus(sources, references));
        return metrics;
    }

    private static List<String> texts(List<int[]> ids, Optional<TranslationContext> entry) {
        return ids.stream().map(t -> text(t, entry.map(TranslationContext::target))).toList();
    }

    /** The text of {@code ids} (up to the end token): detokenised by the codec, or the ids as words. */
    static String text(int[] ids, Optional<TextCodec> codec) {
        if (codec.isPresent()) {
            return codec.get().decode(ids);
        }
        List<String> words = new ArrayList<>();
        for (int id : ids) {
            if (id == Vocabulary.END) {
                break;
            }
            words.add("t" + id);
        }
        return words.stream().collect(Collectors.joining(" "));
    }
}
