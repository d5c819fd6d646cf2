package io.engram.app.processprediction.internal;

import io.engram.api.Dataset;
import io.engram.api.Sequence;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The metrics of Tax et al. 2017 (sec. 5) over every prefix that has a target, beside the baselines
 * of the last activity seen (counted on the training cases, {@link ProcessInfo}):
 * <ul>
 *   <li>next activity: {@code accuracy}, and {@code baseline.accuracy} of naming the last activity's
 *   most frequent successor;</li>
 *   <li>next-event time or remaining time: {@code mae.days}, the mean absolute error in days, and
 *   {@code baseline.mae.days} of predicting the mean time given the last activity.</li>
 * </ul>
 * Without the information (data this application did not load), only {@code accuracy} (several
 * outputs) or {@code mae} in the target's own unit (one output). Stateless.
 */
final class ProcessMetrics {
    private ProcessMetrics() {
    }

    static Map<String, Double> of(ProcessInfo info, Dataset data, List<double[][]> outputs) {
        Map<String, Double> out = new TreeMap<>();
        int a = info == null ? 0 : info.activities().size();
        boolean classes = info == null ? data.outputSize() > 1 : info.target() == Target.NEXT_ACTIVITY;
        double days = info == null ? 1 : info.targetDays();
        long n = 0;
        double model = 0;
        double baseline = 0;
        for (int i = 0; i < data.size(); i++) {
            Sequence s = data.get(i);
            double[][] y = outputs.get(i);
            for (int t = 0; t < s.length(); t++) {
                if (!s.hasTarget(t)) {
                    continue;
                }
                n++;
                int last = info == null ? -1 : argmax(s.inputs()[t], a);
                if (classes) {
                    int truth = argmax(s.targets()[t], s.targetWidth(t));
                    model += argmax(y[t], y[t].length) == truth ? 1 : 0;
                    baseline += info != null && info.successor()[last] == truth ? 1 : 0;
                } else {
                    double truth = days(s.target(t, 0), days);
                    model += Math.abs(days(y[t][0], days) - truth);
                    if (info != null) {
                        double[] table = info.target() == Target.NEXT_TIME ? info.meanNextDays() : info.meanRemainingDays();
                        baseline += Math.abs(table[last] - truth);
                    }
                }
            }
        }
        double d = Math.max(n, 1);
        String name = classes ? "accuracy" : info == null ? "mae" : "mae.days";
        out.put(name, model / d);
        if (info != null) {
            out.put("baseline." + name, baseline / d);
        }
        return out;
    }

    /** The days a time output stands for: {@code unit * (e^y - 1)}, at least 0 (y clamped at 30). */
    static double days(double y, double unit) {
        return Math.max(0, unit * Math.expm1(Math.min(y, 30)));
    }

    static int argmax(double[] v, int width) {
        int best = 0;
        for (int i = 1; i < width; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
