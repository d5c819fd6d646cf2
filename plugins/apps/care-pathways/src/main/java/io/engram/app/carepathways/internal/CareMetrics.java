package io.engram.app.carepathways.internal;

import io.engram.api.Dataset;
import io.engram.api.Sequence;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The metrics of Choi et al. 2016 (sec. 4) over every visit that has a next one, beside the paper's
 * baselines (counted on the training patients, {@link CareInfo}):
 * <ul>
 *   <li>codes: {@code recall@k} for k = 10, 20, 30, the share of the next visit's codes among the
 *   network's {@code k} highest scores, averaged over visits (a next visit with no code of the
 *   vocabulary is skipped); {@code baseline.frequent.recall@k}, of the {@code k} codes most frequent
 *   at the training visits; {@code baseline.last.recall@k}, of the current visit's codes (the
 *   {@code k} most frequent of them when it has more);</li>
 *   <li>interval: {@code mae.days}, the mean absolute error of the days to the next visit, and
 *   {@code baseline.mae.days} of predicting the training intervals' median.</li>
 * </ul>
 * Without the information (data this application did not load): {@code recall@k} (several outputs)
 * or {@code mae} in the target's unit (one output). Stateless.
 */
final class CareMetrics {
    static final int[] KS = {10, 20, 30};

    private CareMetrics() {
    }

    static Map<String, Double> of(CareInfo info, Dataset data, List<double[][]> outputs) {
        boolean codes = info == null ? data.outputSize() > 1 : info.target() == CareTarget.CODES;
        return codes ? recall(info, data, outputs) : interval(info, data, outputs);
    }

    private static Map<String, Double> recall(CareInfo info, Dataset data, List<double[][]> outputs) {
        int v = data.outputSize();
        double[][] sums = new double[3][KS.length];
        long visits = 0;
        for (int i = 0; i < data.size(); i++) {
            Sequence s = data.get(i);
            for (int t = 0; t < s.length(); t++) {
                int truth = 0;
                for (int c = 0; c < v; c++) {
                    truth += s.target(t, c) > 0.5 ? 1 : 0;
                }
                if (!s.hasTarget(t) || truth == 0) {
                    continue;
                }
                visits++;
                for (int j = 0; j < KS.length; j++) {
                    int k = Math.min(KS[j], v);
                    sums[0][j] += hits(s, t, CareEncoder.top(outputs.get(i)[t], v, k)) / truth;
                    if (info != null) {
                        sums[1][j] += hits(s, t, java.util.Arrays.copyOf(info.frequent(), k)) / truth;
                        sums[2][j] += hits(s, t, last(info, s, t, k)) / truth;
                    }
                }
            }
        }
        Map<String, Double> out = new TreeMap<>();
        double n = Math.max(visits, 1);
        for (int j = 0; j < KS.length; j++) {
            out.put("recall@" + KS[j], sums[0][j] / n);
            if (info != null) {
                out.put("baseline.frequent.recall@" + KS[j], sums[1][j] / n);
                out.put("baseline.last.recall@" + KS[j], sums[2][j] / n);
            }
        }
        return out;
    }

    /** The current visit's codes, the {@code k} most frequent of them at most. */
    private static int[] last(CareInfo info, Sequence s, int t, int k) {
        return java.util.Arrays.stream(info.frequent()).filter(c -> s.input(t, c) > 0.5).limit(k).toArray();
    }

    private static double hits(Sequence s, int t, int[] predicted) {
        int n = 0;
        for (int c : predicted) {
            n += s.target(t, c) > 0.5 ? 1 : 0;
        }
        return n;
    }

    /** The days an interval output stands for: {@code unit * (e^y - 1)}, at least 0 (y clamped at 30). */
    static double days(double y, double unit) {
        return Math.max(0, unit * Math.expm1(Math.min(y, 30)));
    }

    private static Map<String, Double> interval(CareInfo info, Dataset data, List<double[][]> outputs) {
        double days = info == null ? 1 : info.gapDays();
        double model = 0;
        double baseline = 0;
        long n = 0;
        for (int i = 0; i < data.size(); i++) {
            Sequence s = data.get(i);
            for (int t = 0; t < s.length(); t++) {
                if (!s.hasTarget(t)) {
                    continue;
                }
                n++;
                double truth = days(s.target(t, 0), days);
                model += Math.abs(days(outputs.get(i)[t][0], days) - truth);
                baseline += info == null ? 0 : Math.abs(info.medianGapDays() - truth);
            }
        }
        double d = Math.max(n, 1);
        Map<String, Double> out = new TreeMap<>();
        out.put(info == null ? "mae" : "mae.days", model / d);
        if (info != null) {
            out.put("baseline.mae.days", baseline / d);
        }
        return out;
    }
}
