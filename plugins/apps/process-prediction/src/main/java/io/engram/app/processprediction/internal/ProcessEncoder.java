package io.engram.app.processprediction.internal;

import io.engram.api.Sequence;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes cases as sequences, one step per event, after Tax et al. 2017 (sec. 4.1): at event
 * {@code k} the inputs are the activity one-hot ({@code A} inputs), the time since the previous
 * event (in mean gaps), the time since the case began (in mean case durations), the time of day
 * (fraction of a day, UTC) and the day of the week (Monday 0 to Sunday 6/7): {@code A + 4} inputs. The
 * target of step {@code k} is about what follows event {@code k} ({@link Target}): the next
 * activity (the end class after the last event), or the time to the next event or to the case's end
 * as {@code log(1 + days / unit)} with the unit of {@link ProcessInfo#targetDays()} (times are
 * skewed: squared error on their logarithm comes close to the absolute error Tax et al. train on, and
 * the platform's regression loss is squared error); the time targets are absent after the last
 * event, and a case of one event has none (it is left out). A case longer than {@code maxLength}
 * keeps its first {@code maxLength} events, with the targets of the whole case. Immutable.
 */
final class ProcessEncoder {
    static final int TIME_FEATURES = 4;
    private static final double DAY = 86_400;

    private final ProcessInfo info;
    private final Map<String, Integer> index = new HashMap<>();
    private final int maxLength;

    ProcessEncoder(ProcessInfo info, int maxLength) {
        this.info = info;
        this.maxLength = maxLength;
        for (int i = 0; i < info.activities().size(); i++) {
            index.put(info.activities().get(i), i);
        }
    }

    int inputSize() {
        return info.activities().size() + TIME_FEATURES;
    }

    int outputSize() {
        return info.target() == Target.NEXT_ACTIVITY ? info.activities().size() + 1 : 1;
    }

    List<Sequence> encode(List<Trace> traces) {
        List<Sequence> out = new ArrayList<>();
        for (Trace t : traces) {
            if (!info.target().isTime() || t.length() >= 2) {
                out.add(encode(t));
            }
        }
        return out;
    }

    Sequence encode(Trace trace) {
        int a = info.activities().size();
        int n = Math.min(trace.length(), maxLength);
        double[][] x = new double[n][inputSize()];
        double[][] y = new double[n][outputSize()];
        boolean[] mask = new boolean[n];
        List<Trace.Event> ev = trace.events();
        for (int k = 0; k < n; k++) {
            Trace.Event e = ev.get(k);
            x[k][index.get(e.activity())] = 1;
            x[k][a] = k == 0 ? 0 : (e.time() - ev.get(k - 1).time()) / DAY / info.gapDays();
            x[k][a + 1] = (e.time() - trace.start()) / DAY / info.durationDays();
            long secondOfDay = Math.floorMod(e.time(), 86_400L);
            x[k][a + 2] = secondOfDay / DAY;
            x[k][a + 3] = Math.floorMod(Math.floorDiv(e.time(), 86_400L) + 3, 7L) / 7.0; // 1970-01-01 was a Thursday
            boolean last = k == trace.length() - 1;
            switch (info.target()) {
                case NEXT_ACTIVITY -> {
                    y[k][last ? a : index.get(ev.get(k + 1).activity())] = 1;
                    mask[k] = true;
                }
                case NEXT_TIME -> {
                    mask[k] = !last;
                    y[k][0] = last ? 0 : Math.log1p((ev.get(k + 1).time() - e.time()) / DAY / info.targetDays());
                }
                case REMAINING_TIME -> {
                    mask[k] = !last;
                    y[k][0] = last ? 0 : Math.log1p((trace.end() - e.time()) / DAY / info.targetDays());
                }
            }
        }
        return new Sequence(x, y, mask);
    }

    /**
     * The information of a task on {@code activities} with {@code target}, its scales and baselines
     * counted on the training cases {@code train}.
     */
    static ProcessInfo info(List<String> activities, Target target, List<Trace> train) {
        int a = activities.size();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < a; i++) {
            index.put(activities.get(i), i);
        }
        int[][] follows = new int[a][a + 1];
        double[] nextSum = new double[a];
        double[] remainingSum = new double[a];
        int[] timed = new int[a];
        double gaps = 0;
        long gapCount = 0;
        double durations = 0;
        for (Trace t : train) {
            durations += (t.end() - t.start()) / DAY;
            List<Trace.Event> ev = t.events();
            for (int k = 0; k < ev.size(); k++) {
                int i = index.get(ev.get(k).activity());
                if (k + 1 < ev.size()) {
                    follows[i][index.get(ev.get(k + 1).activity())]++;
                    double gap = (ev.get(k + 1).time() - ev.get(k).time()) / DAY;
                    nextSum[i] += gap;
                    remainingSum[i] += (t.end() - ev.get(k).time()) / DAY;
                    timed[i]++;
                    gaps += gap;
                    gapCount++;
                } else {
                    follows[i][a]++;
                }
            }
        }
        int[] successor = new int[a];
        double[] meanNext = new double[a];
        double[] meanRemaining = new double[a];
        for (int i = 0; i < a; i++) {
            int best = a;
            for (int j = 0; j <= a; j++) {
                if (follows[i][j] > follows[i][best]) {
                    best = j;
                }
            }
            successor[i] = best;
            meanNext[i] = timed[i] == 0 ? 0 : nextSum[i] / timed[i];
            meanRemaining[i] = timed[i] == 0 ? 0 : remainingSum[i] / timed[i];
        }
        double gapDays = gapCount == 0 || gaps <= 0 ? 1 : gaps / gapCount;
        double durationDays = train.isEmpty() || durations <= 0 ? 1 : durations / train.size();
        return new ProcessInfo(activities, target, gapDays, durationDays, successor, meanNext, meanRemaining);
    }
}
