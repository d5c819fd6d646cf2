package io.engram.app.carepathways.internal;

import io.engram.api.Sequence;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Encodes patients as sequences, one step per visit, after Choi et al. 2016 (sec. 2.1): at visit
 * {@code t} the inputs are the visit's codes as a multi-hot vector ({@code V} inputs, codes outside
 * the vocabulary dropped) and the days since the previous visit in mean intervals (0 at the first):
 * {@code V + 1} inputs. The target of visit {@code t} is the next visit's codes (multi-hot, {@code V}
 * outputs) or the days until it as {@code log(1 + days / mean interval)} (one output; the paper too
 * predicts the logarithm of the interval, whose spread is large); the last visit has none, and a
 * patient of one visit is left out. A patient with more than {@code maxVisits} visits keeps the first
 * {@code maxVisits}, the last of them with its true next visit. Immutable.
 */
final class CareEncoder {
    private final CareInfo info;
    private final Map<String, Integer> index = new HashMap<>();
    private final int maxVisits;

    CareEncoder(CareInfo info, int maxVisits) {
        this.info = info;
        this.maxVisits = maxVisits;
        for (int i = 0; i < info.codes().size(); i++) {
            index.put(info.codes().get(i), i);
        }
    }

    int inputSize() {
        return info.codes().size() + 1;
    }

    int outputSize() {
        return info.target() == CareTarget.CODES ? info.codes().size() : 1;
    }

    List<Sequence> encode(List<Patient> patients) {
        List<Sequence> out = new ArrayList<>();
        for (Patient p : patients) {
            if (p.length() >= 2) {
                out.add(encode(p));
            }
        }
        return out;
    }

    Sequence encode(Patient p) {
        int v = info.codes().size();
        int n = Math.min(p.length(), maxVisits);
        double[][] x = new double[n][inputSize()];
        double[][] y = new double[n][outputSize()];
        boolean[] mask = new boolean[n];
        List<Patient.Visit> visits = p.visits();
        for (int t = 0; t < n; t++) {
            multiHot(visits.get(t), x[t]);
            x[t][v] = t == 0 ? 0 : (visits.get(t).day() - visits.get(t - 1).day()) / info.gapDays();
            if (t + 1 < p.length()) {
                mask[t] = true;
                if (info.target() == CareTarget.CODES) {
                    multiHot(visits.get(t + 1), y[t]);
                } else {
                    y[t][0] = Math.log1p((visits.get(t + 1).day() - visits.get(t).day()) / info.gapDays());
                }
            }
        }
        return new Sequence(x, y, mask);
    }

    private void multiHot(Patient.Visit visit, double[] row) {
        for (String code : visit.codes()) {
            Integer i = index.get(code);
            if (i != null) {
                row[i] = 1;
            }
        }
    }

    /**
     * The information of a task with {@code target} on the codes seen at least {@code minCount} times
     * at the visits of {@code train}, its scale and baselines counted on {@code train}.
     */
    static CareInfo info(CareTarget target, List<Patient> train, int minCount) {
        Map<String, Integer> counts = new HashMap<>();
        List<Long> gaps = new ArrayList<>();
        for (Patient p : train) {
            for (int t = 0; t < p.length(); t++) {
                p.visits().get(t).codes().forEach(c -> counts.merge(c, 1, Integer::sum));
                if (t > 0) {
                    gaps.add(p.visits().get(t).day() - p.visits().get(t - 1).day());
                }
            }
        }
        List<String> codes = counts.entrySet().stream().filter(e -> e.getValue() >= minCount).map(Map.Entry::getKey)
                .sorted().toList();
        int[] frequent = IntStream.range(0, codes.size()).boxed()
                .sorted(Comparator.comparingInt((Integer i) -> -counts.get(codes.get(i))).thenComparing(i -> i))
                .mapToInt(Integer::intValue).toArray();
        double mean = gaps.stream().mapToLong(Long::longValue).average().orElse(1);
        long[] sorted = gaps.stream().mapToLong(Long::longValue).sorted().toArray();
        double median = sorted.length == 0 ? 1 : sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
        return new CareInfo(codes, target, mean <= 0 ? 1 : mean, median, frequent);
    }

    /** The indices of {@code scores}' {@code k} largest entries among the first {@code width}, largest first. */
    static int[] top(double[] scores, int width, int k) {
        return IntStream.range(0, width).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparing(i -> i))
                .limit(k).mapToInt(Integer::intValue).toArray();
    }
}
