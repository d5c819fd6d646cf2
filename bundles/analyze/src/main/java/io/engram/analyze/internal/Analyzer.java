package io.engram.analyze.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Runs the analysis of one network's map ({@link StepMap}):
 * <ol>
 *   <li>trajectories under the constant input {@code u*}: one from the network's initial state (step
 *       indices from 0, as a sequence starts) and {@code trajectories} from states drawn uniformly in
 *       {@code [-1, 1]} per value; and one driven by each input sequence given, from the initial state;</li>
 *   <li>the fixed points of {@code F(h, u*)} ({@link FixedPoints}) from {@code starts} states sampled
 *       from those trajectories with Gaussian noise of {@code noise} times the states' spread (their
 *       root-mean-square distance from the mean), at step index 1 (past any first-step-only term
 *       such as a trained initial state);</li>
 *   <li>the Jacobian of the step at each fixed point and its eigenvalues ({@link Eigenvalues}):
 *       stable when all lie inside the unit circle, a saddle when some do, unstable when none do.
 *       For a continuous-time network (one step integrates {@code dt * substeps} of time) an
 *       eigenvalue {@code lambda} of the step is {@code exp(mu dt substeps)} for an eigenvalue
 *       {@code mu} of the vector field's Jacobian, so the criterion is the continuous one,
 *       {@code Re mu < 0};</li>
 *   <li>the largest Lyapunov exponent ({@link Lyapunov}) along the trajectory from the initial state
 *       under {@code u*} ({@code warmup} steps, then {@code steps} counted), the same from each random
 *       state (where the initial state is itself a fixed point, these see the attractors), and along the input
 *       sequences (all steps counted, the exponents weighted by their steps);</li>
 *   <li>the principal components of all trajectories' states, and every trajectory and fixed point
 *       projected on the first two.</li>
 * </ol>
 * Seeded: the same network, options and seed give the same analysis. Stateless.
 */
final class Analyzer {
    /** The step index at which the map is taken for fixed points. */
    static final int MAP_TIME = 1;

    private Analyzer() {
    }

    static Analysis run(StepMap map, String family, AnalyzeOptions options, double[] u, List<double[][]> sequences,
                        Double stepDuration) {
        int n = map.dimension();
        SplittableRandom random = new SplittableRandom(options.seed());
        List<String> labels = new ArrayList<>();
        List<double[][]> paths = new ArrayList<>();
        List<double[]> randomStarts = new ArrayList<>();
        labels.add("from the initial state");
        paths.add(trajectory(map, map.initial(), 0, Collections.nCopies(options.length(), u)));
        for (int r = 0; r < options.trajectories(); r++) {
            double[] start = new double[n];
            for (int i = 0; i < n; i++) {
                start[i] = random.nextDouble(-1, 1);
            }
            randomStarts.add(start);
            labels.add("from random state " + (r + 1));
            paths.add(trajectory(map, start, MAP_TIME, Collections.nCopies(options.length(), u)));
        }
        for (int s = 0; s < sequences.size(); s++) {
            labels.add("driven by sequence " + (s + 1));
            paths.add(trajectory(map, map.initial(), 0, List.of(sequences.get(s))));
        }
        List<double[]> states = new ArrayList<>();
        paths.forEach(p -> states.addAll(List.of(p)));
        double[] mean = mean(states, n);
        double spread = 0;
        for (double[] s : states) {
            double d = Dense.distance(s, mean);
            spread += d * d;
        }
        spread = Math.sqrt(spread / states.size());
        double sigma = options.noise() * (spread > 0 ? spread : 1);
        double[][] starts = new double[options.starts()][];
        for (int k = 0; k < starts.length; k++) {
            double[] pick = states.get(random.nextInt(states.size())).clone();
            for (int i = 0; i < n; i++) {
                pick[i] += sigma / Math.sqrt(n) * random.nextGaussian();
            }
            starts[k] = pick;
        }
        FixedPoints.Found found = FixedPoints.search(map, u, MAP_TIME, starts,
                new FixedPoints.Settings(options.iterations(), options.rate(), options.tolerance(), options.merge()));
        List<Analysis.FixedPoint> points = new ArrayList<>();
        for (FixedPoints.Point p : found.points()) {
            double[][] eig = Eigenvalues.of(map.jacobian(p.state(), u, MAP_TIME));
            double[] moduli = new double[n];
            int unstable = 0;
            for (int i = 0; i < n; i++) {
                moduli[i] = Math.hypot(eig[0][i], eig[1][i]);
                unstable += moduli[i] < 1 ? 0 : 1;
            }
            points.add(new Analysis.FixedPoint(p.state(), p.q(), p.starts(), eig[0], eig[1],
                    Analysis.Stability.of(moduli), unstable));
        }
        Lyapunov.Exponent autonomous = Lyapunov.of(map, map.initial(), 0,
                Collections.nCopies(options.warmup() + options.steps(), u), options.warmup(), random);
        List<Lyapunov.Exponent> fromRandom = new ArrayList<>();
        for (double[] start : randomStarts) {
            fromRandom.add(Lyapunov.of(map, start, MAP_TIME,
                    Collections.nCopies(options.warmup() + options.steps(), u), options.warmup(), random));
        }
        Lyapunov.Exponent driven = null;
        if (!sequences.isEmpty()) {
            double sum = 0;
            int steps = 0;
            for (double[][] seq : sequences) {
                Lyapunov.Exponent e = Lyapunov.of(map, map.initial(), 0, List.of(seq), 0, random);
                sum += e.perStep() * e.steps();
                steps += e.steps();
            }
            driven = new Lyapunov.Exponent(steps == 0 ? Double.NaN : sum / steps, steps);
        }
        return new Analysis(family, n, u.clone(), stepDuration, map.differentiable(), starts.length, List.copyOf(points),
                found.slowPoints(), autonomous, List.copyOf(fromRandom), driven, portrait(states, mean, labels, paths, points));
    }

    /** The states after each of the steps under {@code inputs}, {@code start} first. */
    static double[][] trajectory(StepMap map, double[] start, int time0, List<double[]> inputs) {
        double[][] out = new double[inputs.size() + 1][];
        out[0] = start.clone();
        for (int t = 0; t < inputs.size(); t++) {
            out[t + 1] = map.apply(new double[][] {out[t]}, inputs.get(t), time0 + t)[0];
        }
        return out;
    }

    private static double[] mean(List<double[]> states, int n) {
        double[] mean = new double[n];
        for (double[] s : states) {
            for (int i = 0; i < n; i++) {
                mean[i] += s[i] / states.size();
            }
        }
        return mean;
    }

    /** The principal components of {@code states} and everything projected on the first two. */
    static Analysis.Portrait portrait(List<double[]> states, double[] mean, List<String> labels, List<double[][]> paths,
                                      List<Analysis.FixedPoint> points) {
        int n = mean.length;
        double[][] cov = new double[n][n];
        for (double[] s : states) {
            for (int i = 0; i < n; i++) {
                double di = s[i] - mean[i];
                for (int j = i; j < n; j++) {
                    cov[i][j] += di * (s[j] - mean[j]) / states.size();
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                cov[i][j] = cov[j][i];
            }
        }
        Dense.Symmetric eig = Dense.symmetric(cov);
        int k = Math.min(2, n);
        double total = 0;
        for (double v : eig.values()) {
            total += Math.max(v, 0);
        }
        double[][] components = new double[k][];
        double[] explained = new double[k];
        for (int c = 0; c < k; c++) {
            components[c] = eig.vectors()[c];
            explained[c] = total > 0 ? Math.max(eig.values()[c], 0) / total : 0;
        }
        List<double[][]> projected = new ArrayList<>();
        for (double[][] p : paths) {
            double[][] xy = new double[p.length][];
            for (int t = 0; t < p.length; t++) {
                xy[t] = project(p[t], mean, components);
            }
            projected.add(xy);
        }
        List<double[]> marks = points.stream().map(p -> project(p.state(), mean, components)).toList();
        return new Analysis.Portrait(mean, components, explained, List.copyOf(labels), projected, marks);
    }

    private static double[] project(double[] s, double[] mean, double[][] components) {
        double[] xy = new double[2];
        for (int c = 0; c < components.length; c++) {
            double v = 0;
            for (int i = 0; i < s.length; i++) {
                v += (s[i] - mean[i]) * components[c][i];
            }
            xy[c] = v;
        }
        return xy;
    }
}
