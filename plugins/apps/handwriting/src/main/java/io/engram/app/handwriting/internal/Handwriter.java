package io.engram.app.handwriting.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthesises online handwriting from the Hershey script glyphs ({@link Glyphs}) as a writer would
 * pen it. Each writer has a style drawn once from the writer's random stream ({@link #style}): a
 * slant (shear), a size, a pen speed, a jitter (how far the writer strays from the glyph's vertices),
 * a spacing between letters and, per letter, a width and a height of its own. Each word is then
 * written ({@link #word}) as: the glyphs laid side by side, each vertex moved by Gaussian jitter, the
 * slant, size and a slight baseline tilt applied; strokes that end where the next begins (within
 * {@value #JOIN} font units) joined into one (the pen stays down, as in cursive writing); each stroke
 * then sampled every {@value #DT} s along its path at the writer's speed, modulated along the
 * path, with digitiser noise of {@value #NOISE} units on every point, the pen lifted between strokes.
 * Coordinates are font units (y down), times seconds. Stateless and thread-safe; the random streams
 * are the caller's.
 */
final class Handwriter {
    /** Strokes whose ends lie closer than this (font units, before scaling) are written as one. */
    static final double JOIN = 3.0;
    /** The sampling interval of the pen, seconds. */
    static final double DT = 0.01;
    /** The standard deviation of the digitiser's noise on each point, font units. */
    static final double NOISE = 0.1;

    /**
     * A writer's style.
     *
     * @param name    the writer's name ({@code w01}, ...)
     * @param slant   the shear: x moves by {@code -slant * y} (y down, so positive leans right)
     * @param size    the scale of the writing
     * @param speed   the pen's mean speed, font units per second
     * @param jitter  the standard deviation of the vertices' displacement, font units
     * @param spacing extra space between letters, font units
     * @param width   the width factor of each letter a-z
     * @param height  the height factor of each letter a-z
     */
    record Style(String name, double slant, double size, double speed, double jitter, double spacing,
                 double[] width, double[] height) {
    }

    private Handwriter() {
    }

    /**
     * A writer's style drawn from {@code r}: slant uniform in {@code [-slant, slant]}, size in
     * {@code [0.8, 1.25]}, speed log-uniform in {@code [100 / speed, 100 * speed]} (font units per
     * second), jitter uniform in {@code [jitter / 4, jitter]}, spacing in {@code [-1, 2]}, each
     * letter's width and height factors in {@code [0.85, 1.15]}.
     */
    static Style style(String name, SplittableRandom r, double slant, double jitter, double speed) {
        double s = slant == 0 ? 0 : r.nextDouble(-slant, slant);
        double size = r.nextDouble(0.8, 1.25);
        double v = 100 * Math.exp(speed == 1 ? 0 : r.nextDouble(-Math.log(speed), Math.log(speed)));
        double j = jitter == 0 ? 0 : r.nextDouble(jitter / 4, jitter);
        double spacing = r.nextDouble(-1, 2);
        double[] w = new double[26];
        double[] h = new double[26];
        for (int i = 0; i < 26; i++) {
            w[i] = r.nextDouble(0.85, 1.15);
            h[i] = r.nextDouble(0.85, 1.15);
        }
        return new Style(name, s, size, v, j, spacing, w, h);
    }

    /** {@code text} (characters with glyphs; a space leaves a gap) in {@code style}, as an {@link Ink}. */
    static Ink word(Style style, String text, String id, SplittableRandom r) {
        List<List<double[]>> strokes = new ArrayList<>();
        double cursor = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ') {
                cursor += 12 + style.spacing();
                continue;
            }
            Glyphs.Glyph g = Glyphs.of(c);
            if (g == null) {
                throw new IllegalArgumentException("no glyph for '" + c + "' (the generator writes " + Glyphs.characters()
                        + " and spaces)");
            }
            int k = c - 'a';
            double w = (k >= 0 && k < 26 ? style.width()[k] : 1) * (1 + 0.03 * r.nextGaussian());
            double h = (k >= 0 && k < 26 ? style.height()[k] : 1) * (1 + 0.03 * r.nextGaussian());
            for (double[][] stroke : g.strokes()) {
                List<double[]> s = new ArrayList<>();
                for (double[] v : stroke) {
                    s.add(new double[] {cursor + (v[0] - g.left()) * w + style.jitter() * r.nextGaussian(),
                            v[1] * h + style.jitter() * r.nextGaussian()});
                }
                if (!strokes.isEmpty()) {
                    List<double[]> last = strokes.get(strokes.size() - 1);
                    double[] end = last.get(last.size() - 1);
                    if (Math.hypot(end[0] - s.get(0)[0], end[1] - s.get(0)[1]) < JOIN) {
                        last.addAll(s.subList(1, s.size()));
                        continue;
                    }
                }
                strokes.add(s);
            }
            cursor += (g.right() - g.left()) * w + style.spacing() + 0.3 * r.nextGaussian();
        }
        double slant = style.slant() + 0.03 * r.nextGaussian();
        double size = style.size() * (1 + 0.05 * r.nextGaussian());
        double tilt = 0.02 * r.nextGaussian();
        double speed = style.speed() * Math.exp(0.1 * r.nextGaussian());
        double phase = r.nextDouble(2 * Math.PI);
        List<double[][]> out = new ArrayList<>();
        double t = 0;
        double[] previous = null;
        for (List<double[]> stroke : strokes) {
            List<double[]> shaped = new ArrayList<>();
            for (double[] v : stroke) {
                double x = (v[0] - slant * v[1]) * size;
                shaped.add(new double[] {x, (v[1] + tilt * v[0]) * size});
            }
            if (previous != null) {
                t += 0.05 + Math.hypot(shaped.get(0)[0] - previous[0], shaped.get(0)[1] - previous[1]) / (3 * speed);
            }
            List<double[]> points = new ArrayList<>();
            double travelled = 0;
            double next = 0;
            for (int i = 0; i < shaped.size(); i++) {
                double[] a = shaped.get(i);
                double[] b = i + 1 < shaped.size() ? shaped.get(i + 1) : a;
                double length = Math.hypot(b[0] - a[0], b[1] - a[1]);
                while (next <= travelled + length) {
                    double f = length == 0 ? 0 : (next - travelled) / length;
                    points.add(new double[] {a[0] + f * (b[0] - a[0]) + NOISE * r.nextGaussian(),
                            a[1] + f * (b[1] - a[1]) + NOISE * r.nextGaussian(), round(t)});
                    double v = speed * (1 + 0.3 * Math.sin(2 * Math.PI * next / 25 + phase));
                    next += v * DT;
                    t += DT;
                    if (length == 0) {
                        break;
                    }
                }
                travelled += length;
                if (i + 1 == shaped.size()) {
                    break;
                }
            }
            previous = shaped.get(shaped.size() - 1);
            out.add(points.toArray(double[][]::new));
        }
        return new Ink(id, style.name(), text, out, "generated " + id);
    }

    private static double round(double t) {
        return Math.round(t * 1e6) / 1e6;
    }
}
