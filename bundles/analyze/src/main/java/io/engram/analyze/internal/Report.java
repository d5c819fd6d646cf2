package io.engram.analyze.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link Analysis} as text for people and as JSON (Jackson) for programs. In the JSON, numbers
 * that are not finite (the exponent of a map whose tangent vanishes) are {@code null}. Stateless and
 * thread-safe.
 */
final class Report {
    /** Eigenvalues listed per fixed point in the text; the JSON has all. */
    static final int SHOWN = 4;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Report() {
    }

    /** The text summary. */
    static void text(PrintStream out, String source, Analysis a) {
        out.println("model: " + source + " (" + a.family() + "), state of " + a.dimension() + " values, "
                + (a.stepDuration() == null ? "discrete time"
                : "continuous time, " + AnalyzeOptions.number(a.stepDuration()) + " time units per step"));
        out.println("input u*: " + vector(a.input()));
        long stable = a.fixedPoints().stream().filter(p -> p.stability() == Analysis.Stability.STABLE).count();
        long saddles = a.fixedPoints().stream().filter(p -> p.stability() == Analysis.Stability.SADDLE).count();
        long unstable = a.fixedPoints().size() - stable - saddles;
        out.println("fixed points: " + a.fixedPoints().size() + " from " + a.starts() + " starts ("
                + (a.autodiff() ? "gradient descent on q and Newton steps, autodiff Jacobians"
                : "map iteration, central-difference Jacobians: the network is not differentiable") + "): "
                + stable + " stable, " + saddles + (saddles == 1 ? " saddle, " : " saddles, ") + unstable + " unstable; "
                + a.slowPoints() + " starts ended at slow points");
        int index = 1;
        for (Analysis.FixedPoint p : a.fixedPoints()) {
            StringBuilder line = new StringBuilder("  #" + index++ + " " + p.stability().word() + "  |h| "
                    + AnalyzeOptions.number(p.norm()) + "  q " + AnalyzeOptions.number(p.q()) + "  found " + p.found()
                    + "x  spectral radius " + AnalyzeOptions.number(p.spectralRadius()) + "  unstable directions "
                    + p.unstable());
            if (a.stepDuration() != null && p.spectralRadius() > 0) {
                line.append("  max Re mu ").append(AnalyzeOptions.number(Math.log(p.spectralRadius()) / a.stepDuration()));
            }
            out.println(line);
            List<String> shown = new ArrayList<>();
            for (int i = 0; i < Math.min(SHOWN, p.re().length); i++) {
                shown.add(complex(p.re()[i], p.im()[i]));
            }
            out.println("     eigenvalues: " + String.join(", ", shown) + (p.re().length > SHOWN ? ", ..." : ""));
        }
        out.println("largest Lyapunov exponent: " + exponent(a.autonomous(), a.stepDuration()) + " (input u*, from the "
                + "initial state, " + a.autonomous().steps() + " steps" + (a.autodiff() ? ")"
                : "; by central differences, which read a jump as growth where a state sits on a unit's threshold)"));
        if (!a.fromRandom().isEmpty()) {
            double lo = a.fromRandom().stream().mapToDouble(Lyapunov.Exponent::perStep).min().orElse(Double.NaN);
            out.println("  from " + a.fromRandom().size() + " random states: " + AnalyzeOptions.number(lo) + " to "
                    + exponent(new Lyapunov.Exponent(a.largestFromRandom(), 0), a.stepDuration()));
        }
        if (a.driven() != null) {
            out.println("largest Lyapunov exponent, input-driven: " + exponent(a.driven(), a.stepDuration()) + " ("
                    + a.driven().steps() + " steps of the input sequences)");
        }
        Analysis.Portrait pc = a.portrait();
        List<String> parts = new ArrayList<>();
        for (int c = 0; c < pc.explained().length; c++) {
            parts.add("PC" + (c + 1) + String.format(java.util.Locale.ROOT, " %.1f%%", 100 * pc.explained()[c]));
        }
        long driven = pc.labels().stream().filter(l -> l.startsWith("driven")).count();
        out.println("trajectories: " + (pc.paths().size() - driven) + " of " + (pc.paths().get(0).length - 1) + " steps"
                + (driven == 0 ? "" : " and " + driven + " driven by the input sequences") + "; variance explained: "
                + String.join(", ", parts));
    }

    private static String exponent(Lyapunov.Exponent e, Double duration) {
        return AnalyzeOptions.number(e.perStep()) + " per step"
                + (duration == null ? "" : " (" + AnalyzeOptions.number(e.perStep() / duration) + " per unit time)");
    }

    private static String complex(double re, double im) {
        if (im == 0) {
            return AnalyzeOptions.number(re);
        }
        return AnalyzeOptions.number(re) + (im < 0 ? "-" : "+") + AnalyzeOptions.number(Math.abs(im)) + "i";
    }

    private static String vector(double[] v) {
        boolean zero = true;
        for (double x : v) {
            zero &= x == 0;
        }
        if (zero) {
            return "zeros (" + v.length + (v.length == 1 ? " input)" : " inputs)");
        }
        List<String> s = new ArrayList<>();
        for (double x : v) {
            s.add(AnalyzeOptions.number(x));
        }
        return String.join(",", s);
    }

    /** The JSON document. */
    static String json(String source, Analysis a) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", source);
        root.put("family", a.family());
        root.put("dimension", a.dimension());
        root.put("time", a.stepDuration() == null ? "discrete" : "continuous");
        root.put("step_duration", a.stepDuration());
        root.put("input", finite(a.input()));
        root.put("autodiff", a.autodiff());
        root.put("starts", a.starts());
        root.put("slow_points", a.slowPoints());
        List<Object> points = new ArrayList<>();
        for (int i = 0; i < a.fixedPoints().size(); i++) {
            Analysis.FixedPoint p = a.fixedPoints().get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("stability", p.stability().word());
            m.put("q", finite(p.q()));
            m.put("found", p.found());
            m.put("norm", finite(p.norm()));
            m.put("spectral_radius", finite(p.spectralRadius()));
            if (a.stepDuration() != null) {
                m.put("max_re_mu", p.spectralRadius() > 0 ? finite(Math.log(p.spectralRadius()) / a.stepDuration()) : null);
            }
            m.put("unstable_directions", p.unstable());
            m.put("eigenvalues_re", finite(p.re()));
            m.put("eigenvalues_im", finite(p.im()));
            m.put("state", finite(p.state()));
            m.put("pc", finite(a.portrait().points().get(i)));
            points.add(m);
        }
        root.put("fixed_points", points);
        root.put("lyapunov", exponentJson(a.autonomous(), a.stepDuration()));
        List<Object> random = new ArrayList<>();
        a.fromRandom().forEach(e -> random.add(exponentJson(e, a.stepDuration())));
        root.put("lyapunov_from_random_states", random);
        root.put("lyapunov_driven", a.driven() == null ? null : exponentJson(a.driven(), a.stepDuration()));
        Map<String, Object> pca = new LinkedHashMap<>();
        pca.put("explained", finite(a.portrait().explained()));
        pca.put("mean", finite(a.portrait().mean()));
        List<Object> comps = new ArrayList<>();
        for (double[] c : a.portrait().components()) {
            comps.add(finite(c));
        }
        pca.put("components", comps);
        pca.put("trajectories", a.portrait().labels());
        root.put("pca", pca);
        try {
            return JSON.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the analysis could not be written as JSON", e);
        }
    }

    private static Map<String, Object> exponentJson(Lyapunov.Exponent e, Double duration) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("per_step", finite(e.perStep()));
        m.put("per_unit_time", duration == null ? null : finite(e.perStep() / duration));
        m.put("steps", e.steps());
        return m;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static List<Double> finite(double[] v) {
        List<Double> out = new ArrayList<>(v.length);
        for (double x : v) {
            out.add(finite(x));
        }
        return out;
    }
}
