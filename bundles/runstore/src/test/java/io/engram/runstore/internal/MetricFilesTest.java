package io.engram.runstore.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.kernel.MetricPoint;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricFilesTest {

    @TempDir
    Path tmp;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    /** A seeded series of 12 epochs: train and validation loss falling, test accuracy rising. */
    static List<MetricPoint> series() {
        java.util.Random r = new java.util.Random(16);
        List<MetricPoint> out = new ArrayList<>();
        for (int e = 0; e < 12; e++) {
            double loss = 1.0 / (1 + e) + 0.01 * r.nextDouble();
            out.add(new MetricPoint(e + 1, e, "train", "loss", loss));
            out.add(new MetricPoint(e + 1, e, "validation", "loss", loss * 1.2));
            out.add(new MetricPoint(e + 1, e, "test", "accuracy", 1 - loss / 2));
        }
        out.add(new MetricPoint(13, 12, "validation", "accuracy", Double.NaN));
        return out;
    }

    @Test
    void theCsvReadsBackToTheStoredValues() throws IOException {
        List<MetricPoint> points = series();
        Path file = MetricFiles.writeCsv(tmp.resolve("out/metrics.csv"), points);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals("step,epoch,split,name,value", lines.get(0));
        assertEquals("1,0,train,loss," + points.get(0).value(), lines.get(1));
        List<MetricPoint> back = MetricFiles.readCsv(lines);
        assertEquals(points.size(), back.size());
        for (int i = 0; i < points.size(); i++) {
            MetricPoint a = points.get(i);
            MetricPoint b = back.get(i);
            assertEquals(a.step(), b.step());
            assertEquals(a.epoch(), b.epoch());
            assertEquals(a.split(), b.split());
            assertEquals(a.name(), b.name());
            assertEquals(Double.doubleToLongBits(a.value()), Double.doubleToLongBits(b.value()), "bit for bit: " + a);
        }
        try (var files = Files.list(tmp.resolve("out"))) {
            assertEquals(List.of("metrics.csv"), files.map(p -> p.getFileName().toString()).toList(), "no temporary file left");
        }
        IOException bad = assertThrows(IOException.class, () -> MetricFiles.readCsv(List.of(MetricFiles.HEADER, "1,0,train,loss")));
        assertEquals("line 2: expected 5 fields, found 4", bad.getMessage());
    }

    @Test
    void thePlotIsAPngOfItsSizeWithTheCurveWhereItsPointsAre() throws IOException {
        List<MetricPoint> points = series();
        Path file = MetricFiles.writePng(tmp.resolve("curves.png"), "job-000001  xor", points);
        byte[] bytes = Files.readAllBytes(file);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, Arrays.copyOf(bytes, 8));
        BufferedImage png = ImageIO.read(file.toFile());
        assertEquals(MetricFiles.WIDTH, png.getWidth());
        assertEquals(MetricFiles.HEIGHT, png.getHeight());

        // the same chart drawn again tells where its plots' data areas are
        JFreeChart chart = MetricFiles.chart("job-000001  xor", points);
        ChartRenderingInfo info = new ChartRenderingInfo();
        MetricFiles.draw(chart, info);
        CombinedDomainXYPlot combined = (CombinedDomainXYPlot) chart.getPlot();
        XYPlot losses = combined.getSubplots().get(0);
        XYPlot metrics = combined.getSubplots().get(1);
        assertEquals(List.of("train loss", "validation loss"), List.of(losses.getDataset().getSeriesKey(0),
                losses.getDataset().getSeriesKey(1)));
        assertEquals("test accuracy", metrics.getDataset().getSeriesKey(0));
        assertEquals(1, metrics.getDataset().getSeriesCount(), "a NaN-only series is left out");
        Rectangle2D lossArea = info.getPlotInfo().getSubplotInfo(0).getDataArea();
        Rectangle2D metricArea = info.getPlotInfo().getSubplotInfo(1).getDataArea();
        for (MetricPoint p : points.subList(0, 36)) {
            XYPlot plot = p.name().equals("loss") ? losses : metrics;
            Rectangle2D area = p.name().equals("loss") ? lossArea : metricArea;
            int series = p.split().equals("validation") ? 1 : p.split().equals("train") ? 0 : 2;
            double x = combined.getDomainAxis().valueToJava2D(p.step(), area, plot.getDomainAxisEdge());
            double y = plot.getRangeAxis().valueToJava2D(p.value(), area, plot.getRangeAxisEdge());
            int colour = MetricFiles.PALETTE[series].getRGB();
            assertTrue(near(png, (int) Math.round(x), (int) Math.round(y), colour, 3),
                    p + " is drawn in its series' colour near (" + Math.round(x) + ", " + Math.round(y) + ")");
        }
        // and far from every curve (top right of the losses: they fall) no series colour is drawn
        int corner = png.getRGB((int) lossArea.getMaxX() - 3, (int) lossArea.getMinY() + 3);
        assertTrue(!close(corner, MetricFiles.PALETTE[0].getRGB()) && !close(corner, MetricFiles.PALETTE[1].getRGB()),
                Integer.toHexString(corner));
    }

    private static boolean near(BufferedImage img, int x, int y, int rgb, int r) {
        for (int dx = -r; dx <= r; dx++) {
            for (int dy = -r; dy <= r; dy++) {
                int px = x + dx;
                int py = y + dy;
                if (px >= 0 && py >= 0 && px < img.getWidth() && py < img.getHeight()
                        && close(img.getRGB(px, py), rgb)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean close(int a, int b) {
        for (int shift = 0; shift < 24; shift += 8) {
            if (Math.abs(((a >> shift) & 0xff) - ((b >> shift) & 0xff)) > 40) {
                return false;
            }
        }
        return true;
    }
}
