package io.engram.cli.internal;

import io.engram.kernel.Predictor.Replay;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The plot of a replayed episode: one panel per plotted column ({@link TrajectoryFiles#plotted}),
 * stacked over the same step axis, each line scaled to its column's own range, with a zero line
 * where the range spans zero, and labelled with its name, minimum and maximum; a missing number
 * breaks the line. Drawn with java.awt alone, headless. Stateless and thread-safe.
 */
final class TrajectoryChart {
    static final int WIDTH = 960;
    static final int PANEL = 120;
    static final int MARGIN = 48;

    private TrajectoryChart() {
    }

    /** The chart of {@code replay}: {@link #WIDTH} wide, a panel of {@link #PANEL} pixels per plotted column. */
    static BufferedImage of(Replay replay) {
        List<Integer> columns = TrajectoryFiles.plotted(replay.columns());
        List<double[]> rows = replay.rows();
        BufferedImage image = new BufferedImage(WIDTH, MARGIN + PANEL * Math.max(1, columns.size()),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int p = 0; p < columns.size(); p++) {
            panel(g, rows, columns.get(p), replay.columns().get(columns.get(p)), MARGIN / 2 + p * PANEL);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawString("step (0 to " + (rows.size() - 1) + ")", WIDTH / 2 - 40, image.getHeight() - 8);
        g.dispose();
        return image;
    }

    private static void panel(Graphics2D g, List<double[]> rows, int column, String name, int top) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] r : rows) {
            if (Double.isFinite(r[column])) {
                min = Math.min(min, r[column]);
                max = Math.max(max, r[column]);
            }
        }
        int left = 150;
        int width = WIDTH - left - 20;
        int height = PANEL - 24;
        g.setColor(new Color(0xF4F4F4));
        g.fillRect(left, top, width, height);
        g.setColor(Color.BLACK);
        g.drawString(name, 8, top + 16);
        if (min > max) {
            return;
        }
        g.setColor(Color.GRAY);
        g.drawString(String.format(java.util.Locale.ROOT, "max %.4g", max), 8, top + 34);
        g.drawString(String.format(java.util.Locale.ROOT, "min %.4g", min), 8, top + height);
        double span = max > min ? max - min : 1;
        if (min < 0 && max > 0) {
            int zero = top + height - (int) Math.round((0 - min) / span * height);
            g.drawLine(left, zero, left + width, zero);
        }
        g.setColor(new Color(0x1F77B4));
        g.setStroke(new BasicStroke(1.5f));
        int n = rows.size();
        int px = -1;
        int py = -1;
        for (int i = 0; i < n; i++) {
            double v = rows.get(i)[column];
            if (!Double.isFinite(v)) {
                px = -1;
                continue;
            }
            int x = left + (n == 1 ? 0 : (int) Math.round((double) i / (n - 1) * width));
            int y = top + height - (int) Math.round((v - min) / span * height);
            if (px >= 0) {
                g.drawLine(px, py, x, y);
            }
            px = x;
            py = y;
        }
    }
}
