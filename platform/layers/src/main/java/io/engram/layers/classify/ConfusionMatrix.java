package io.engram.layers.classify;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The confusion matrix of a classifier over {@code K} named classes: {@code count(t, p)} sequences
 * of true class {@code t} were predicted as {@code p}. From it: accuracy, and per class precision
 * {@code tp / (tp + fp)}, recall {@code tp / (tp + fn)} and F1 (their harmonic mean), each 0 where
 * its denominator is 0, and the macro F1 (the mean of the per-class F1 over the classes that occur
 * in the truth or the predictions). Written as CSV (a header {@code truth\predicted,<classes>}, then
 * one row per true class) or as a PNG heat map whose cells hold the counts, rows normalised by their
 * totals for the shading. Immutable and thread-safe.
 */
public final class ConfusionMatrix {
    private final List<String> classes;
    private final int[][] counts;

    private ConfusionMatrix(List<String> classes, int[][] counts) {
        this.classes = List.copyOf(classes);
        this.counts = counts;
    }

    /**
     * The matrix of {@code truth[i]} against {@code predicted[i]}, both class indices in
     * {@code [0, classes.size())}.
     */
    public static ConfusionMatrix of(List<String> classes, int[] truth, int[] predicted) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException(truth.length + " true classes but " + predicted.length + " predictions");
        }
        int k = classes.size();
        int[][] c = new int[k][k];
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] < 0 || truth[i] >= k || predicted[i] < 0 || predicted[i] >= k) {
                throw new IllegalArgumentException("sequence " + i + ": class " + truth[i] + " or prediction "
                        + predicted[i] + " outside [0, " + k + ")");
            }
            c[truth[i]][predicted[i]]++;
        }
        return new ConfusionMatrix(classes, c);
    }

    public List<String> classes() {
        return classes;
    }

    /** How many sequences of class {@code truth} were predicted as {@code predicted}. */
    public int count(int truth, int predicted) {
        return counts[truth][predicted];
    }

    public int total() {
        int n = 0;
        for (int[] row : counts) {
            for (int v : row) {
                n += v;
            }
        }
        return n;
    }

    /** The fraction predicted right; NaN for no sequences. */
    public double accuracy() {
        int right = 0;
        for (int k = 0; k < counts.length; k++) {
            right += counts[k][k];
        }
        return total() == 0 ? Double.NaN : right / (double) total();
    }

    public double precision(int k) {
        int predicted = 0;
        for (int[] row : counts) {
            predicted += row[k];
        }
        return predicted == 0 ? 0 : counts[k][k] / (double) predicted;
    }

    public double recall(int k) {
        int actual = 0;
        for (int v : counts[k]) {
            actual += v;
        }
        return actual == 0 ? 0 : counts[k][k] / (double) actual;
    }

    public double f1(int k) {
        double p = precision(k);
        double r = recall(k);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** The mean F1 over the classes that occur among the true classes or the predictions; 0 when none does. */
    public double macroF1() {
        double sum = 0;
        int n = 0;
        for (int k = 0; k < counts.length; k++) {
            int seen = 0;
            for (int j = 0; j < counts.length; j++) {
                seen += counts[k][j] + counts[j][k];
            }
            if (seen > 0) {
                sum += f1(k);
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    /**
     * {@code accuracy}, {@code macro.f1}, and per class {@code precision.<class>},
     * {@code recall.<class>} and {@code f1.<class>}, each name prefixed by {@code prefix}.
     */
    public Map<String, Double> metrics(String prefix, boolean perClass) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(prefix + "accuracy", accuracy());
        m.put(prefix + "macro.f1", macroF1());
        if (perClass) {
            for (int k = 0; k < classes.size(); k++) {
                m.put(prefix + "precision." + classes.get(k), precision(k));
                m.put(prefix + "recall." + classes.get(k), recall(k));
                m.put(prefix + "f1." + classes.get(k), f1(k));
            }
        }
        return m;
    }

    /** The CSV lines: a header, then one row of counts per true class. */
    public List<String> csv() {
        List<String> lines = new ArrayList<>();
        lines.add("truth\\predicted," + String.join(",", classes));
        for (int t = 0; t < classes.size(); t++) {
            StringBuilder row = new StringBuilder(classes.get(t));
            for (int p = 0; p < classes.size(); p++) {
                row.append(',').append(counts[t][p]);
            }
            lines.add(row.toString());
        }
        return lines;
    }

    /** A heat map: one cell per (true, predicted) pair holding its count, shaded by the row's share. */
    public BufferedImage image(String title) {
        int k = classes.size();
        int cell = 64;
        int left = 130;
        int top = 90;
        BufferedImage image = new BufferedImage(left + k * cell + 20, top + k * cell + 20, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(title, 10, 20);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString("predicted \u2192", left, 42);
            g.drawString("true \u2193", 10, top - 8);
            FontMetrics fm = g.getFontMetrics();
            for (int t = 0; t < k; t++) {
                g.setColor(Color.BLACK);
                g.drawString(clip(classes.get(t), 16), 10, top + t * cell + cell / 2 + 5);
                g.drawString(clip(classes.get(t), 8), left + t * cell + 4, top - 10);
                int rowTotal = 0;
                for (int p = 0; p < k; p++) {
                    rowTotal += counts[t][p];
                }
                for (int p = 0; p < k; p++) {
                    double share = rowTotal == 0 ? 0 : counts[t][p] / (double) rowTotal;
                    int shade = (int) Math.round(255 * (1 - share));
                    g.setColor(new Color(shade, shade, 255));
                    g.fillRect(left + p * cell, top + t * cell, cell, cell);
                    g.setColor(Color.GRAY);
                    g.drawRect(left + p * cell, top + t * cell, cell, cell);
                    g.setColor(share > 0.5 ? Color.WHITE : Color.BLACK);
                    String text = Integer.toString(counts[t][p]);
                    g.drawString(text, left + p * cell + (cell - fm.stringWidth(text)) / 2, top + t * cell + cell / 2 + 5);
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * Writes {@code <prefix>.csv} and {@code <prefix>.png}, each to a temporary name beside it and
     * then renamed over the target; returns the two paths.
     */
    public List<Path> write(Path prefix, String title) throws IOException {
        Path dir = prefix.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path csv = dir.resolve(prefix.getFileName() + ".csv");
        Path png = dir.resolve(prefix.getFileName() + ".png");
        Path tmp = dir.resolve("." + prefix.getFileName() + ".confusion.tmp");
        try {
            Files.write(tmp, csv(), StandardCharsets.UTF_8);
            Files.move(tmp, csv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            if (!ImageIO.write(image(title), "png", tmp.toFile())) {
                throw new IOException("no PNG writer");
            }
            Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return List.of(csv, png);
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "\u2026";
    }
}
