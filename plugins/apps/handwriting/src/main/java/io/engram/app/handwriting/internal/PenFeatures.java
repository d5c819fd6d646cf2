package io.engram.app.handwriting.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a pen trajectory into the network's inputs. First the sample is normalised: shifted so that
 * its leftmost point has x = 0 and its mean y is 0, and divided by the standard deviation of its y
 * coordinates (so writing size and position drop out; the x standard deviation, or 1, when y does not
 * vary). Then, with a {@code spacing} above 0, each stroke is resampled at that arc length (in those
 * units), which removes the pen's speed; its first and last points are kept. Each point becomes one
 * step of {@value #INPUTS} features: the pen offset from the previous point {@code (dx, dy)}
 * (0 for the first) divided by the root mean square of the pen-down offsets (so a typical step while
 * writing has length about 1), and a pen-up flag, 1 when the pen was lifted on the way to this point
 * (the first point of every stroke but the first), else 0. {@link #points} gives the normalised
 * points themselves, {@code [x, y, up]}, for the nearest-neighbour baseline. Immutable and
 * thread-safe.
 *
 * @param spacing the resampling distance in normalised units; 0: the points as written
 */
record PenFeatures(double spacing) {
    /** Features per step: dx, dy, pen up. */
    static final int INPUTS = 3;

    /** The normalised (and resampled) points of {@code ink}: {@code [x, y, up]} per point. */
    double[][] points(Ink ink) {
        double sy = 0;
        double syy = 0;
        double sx = 0;
        double sxx = 0;
        double minX = Double.POSITIVE_INFINITY;
        int n = 0;
        for (double[][] stroke : ink.strokes()) {
            for (double[] p : stroke) {
                sx += p[0];
                sxx += p[0] * p[0];
                sy += p[1];
                syy += p[1] * p[1];
                minX = Math.min(minX, p[0]);
                n++;
            }
        }
        double meanY = sy / n;
        double sdY = Math.sqrt(Math.max(0, syy / n - meanY * meanY));
        double meanX = sx / n;
        double sdX = Math.sqrt(Math.max(0, sxx / n - meanX * meanX));
        double scale = sdY > 1e-9 * (1 + Math.abs(meanY)) ? sdY : sdX > 1e-9 * (1 + Math.abs(meanX)) ? sdX : 1;
        List<double[]> out = new ArrayList<>();
        for (int s = 0; s < ink.strokes().size(); s++) {
            double[][] stroke = ink.strokes().get(s);
            double[][] q = new double[stroke.length][];
            for (int i = 0; i < stroke.length; i++) {
                q[i] = new double[] {(stroke[i][0] - minX) / scale, (stroke[i][1] - meanY) / scale};
            }
            List<double[]> r = spacing > 0 ? resample(q, spacing) : List.of(q);
            for (int i = 0; i < r.size(); i++) {
                out.add(new double[] {r.get(i)[0], r.get(i)[1], i == 0 && s > 0 ? 1 : 0});
            }
        }
        return out.toArray(double[][]::new);
    }

    /** The network's inputs for {@code ink}: {@code [step][dx, dy, up]}. */
    double[][] of(Ink ink) {
        double[][] p = points(ink);
        double[][] steps = new double[p.length][INPUTS];
        double sum = 0;
        int down = 0;
        for (int i = 1; i < p.length; i++) {
            steps[i][0] = p[i][0] - p[i - 1][0];
            steps[i][1] = p[i][1] - p[i - 1][1];
            steps[i][2] = p[i][2];
            if (p[i][2] == 0) {
                sum += steps[i][0] * steps[i][0] + steps[i][1] * steps[i][1];
                down++;
            }
        }
        double rms = down == 0 ? 0 : Math.sqrt(sum / down);
        if (rms > 0) {
            for (double[] step : steps) {
                step[0] /= rms;
                step[1] /= rms;
            }
        }
        return steps;
    }

    /** Points every {@code h} along the polyline {@code q}, its first and last point included. */
    static List<double[]> resample(double[][] q, double h) {
        List<double[]> out = new ArrayList<>();
        out.add(q[0]);
        double carried = 0;
        for (int i = 1; i < q.length; i++) {
            double[] a = q[i - 1];
            double[] b = q[i];
            double length = Math.hypot(b[0] - a[0], b[1] - a[1]);
            double at = h - carried;
            while (at <= length) {
                double f = at / length;
                out.add(new double[] {a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1])});
                at += h;
            }
            carried = length - (at - h);
        }
        double[] last = q[q.length - 1];
        double[] end = out.get(out.size() - 1);
        if (q.length > 1 && Math.hypot(last[0] - end[0], last[1] - end[1]) > h / 4) {
            out.add(last);
        }
        return out;
    }
}
