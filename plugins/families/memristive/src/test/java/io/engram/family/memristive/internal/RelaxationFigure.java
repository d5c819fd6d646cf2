package io.engram.family.memristive.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Prints the slow-relaxation figures at full size and writes the curves to
 * {@code target/relaxation.csv}: for random and small-world circuits of three loop densities, the
 * fitted power-law exponent of the ensemble-averaged network relaxation {@code C(t)} over
 * {@code t in [T0, T1]}, the band of its local slopes there, the misfits of the best power law and
 * the best single exponential, and the spread of the rates. Runs only when the system property
 * {@code relaxation.figure} is {@code true}; asserts nothing (the figures' claims are asserted at
 * test size in {@link RelaxationTest}).
 */
@EnabledIfSystemProperty(named = "relaxation.figure", matches = "true")
class RelaxationFigure {
    static final double T0 = 10;
    static final double T1 = 1000;

    @Test
    void printFigures() throws IOException {
        int nodes = Integer.getInteger("relaxation.nodes", 60);
        int circuits = Integer.getInteger("relaxation.circuits", 40);
        double xi = Double.parseDouble(System.getProperty("relaxation.xi", "1"));
        long seed = Long.getLong("relaxation.seed", 1);
        StringBuilder csv = new StringBuilder("ensemble,nodes,edges,loop_density,t,C\n");
        System.out.printf("memristive relaxation: %d circuits per row, %d nodes, xi = %s, alpha = beta = 1, sources U(-0.5, 0.5)%n",
                circuits, nodes, xi);
        System.out.printf("%-12s %6s %6s %9s %9s %17s %9s %9s %9s %9s%n", "ensemble", "edges", "p", "exponent",
                "slopes", "(local, min max)", "pl-misfit", "exp-misfit", "rate q05", "rate q95");
        double[] ratios = Arrays.stream(System.getProperty("relaxation.ratios", "1.5,2.5,5").split(","))
                .mapToDouble(Double::parseDouble).toArray();
        for (double ratio : ratios) {
            int edges = (int) Math.round(ratio * nodes);
            for (GraphEnsemble g : GraphEnsemble.values()) {
                RelaxationEnsemble ensemble = new RelaxationEnsemble(g, nodes, edges, xi, 1, 1, 0.5);
                List<double[]> rates = ensemble.networkRates(seed, circuits);
                RelaxationCurve window = RelaxationCurve.of(rates, edges, T0, T1, 21);
                double[] slopes = window.localSlopes();
                double[] pooled = rates.stream().flatMapToDouble(Arrays::stream).sorted().toArray();
                System.out.printf("%-12s %6d %6.3f %9.3f %9.3f %9.3f %9.3f %9.3f %9.2e %9.2e%n", g, edges,
                        ensemble.loopDensity(), -window.powerLawSlope(), Arrays.stream(slopes).min().orElseThrow(),
                        Arrays.stream(slopes).max().orElseThrow(), window.powerLawMisfit(), window.exponentialMisfit(),
                        quantile(pooled, 0.05), quantile(pooled, 0.95));
                RelaxationCurve whole = RelaxationCurve.of(rates, edges, 0.01, 1e5, 36);
                for (int j = 0; j < whole.times().length; j++) {
                    csv.append(String.format("%s,%d,%d,%.4f,%.6g,%.6g%n", g, nodes, edges, ensemble.loopDensity(),
                            whole.times()[j], whole.values()[j]));
                }
            }
        }
        write(Path.of("target", "relaxation.csv"), csv.toString());
    }

    static double quantile(double[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}
