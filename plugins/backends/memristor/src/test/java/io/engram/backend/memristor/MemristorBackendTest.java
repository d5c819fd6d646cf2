package io.engram.backend.memristor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.engram.testkit.ReferenceBackend;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MemristorBackendTest {
    private static final ReferenceBackend HOST = new ReferenceBackend();

    private static final int M = 16;
    private static final int K = 32;
    private static final int N = 24;

    private static double[] random(long seed, int size) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            v[i] = r.nextDouble(-1, 1);
        }
        return v;
    }

    private static final double[] X = random(1, M * K);
    private static final double[] W = random(2, K * N);

    private static double[] exact() {
        try (ReferenceBackend reference = new ReferenceBackend()) {
            Ops ops = reference.ops();
            return ops.matmul(ops.fromArray(DType.F64, Shape.of(M, K), X), ops.fromArray(DType.F64, Shape.of(K, N), W))
                    .toDoubleArray();
        }
    }

    private static double[] product(DeviceModel device, long seed) {
        try (MemristorBackend b = new MemristorBackend(device, seed, HOST)) {
            Ops ops = b.ops();
            return ops.matmul(ops.fromArray(DType.F64, Shape.of(M, K), X), ops.fromArray(DType.F64, Shape.of(K, N), W))
                    .toDoubleArray();
        }
    }

    /** Frobenius norm of the error relative to that of the exact product. */
    private static double relativeError(double[] y, double[] exact) {
        double e = 0;
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            e += (y[i] - exact[i]) * (y[i] - exact[i]);
            s += exact[i] * exact[i];
        }
        return Math.sqrt(e / s);
    }

    @Test
    void errorGrowsWithNoiseAndStaysBounded() {
        double[] exact = exact();
        double[] factors = {0, 0.25, 0.5, 1, 2, 4};
        List<Double> errors = new ArrayList<>();
        for (double f : factors) {
            double mean = 0;
            for (long seed = 1; seed <= 5; seed++) {
                mean += relativeError(product(DeviceModel.pcm().withNoise(f), seed), exact) / 5;
            }
            errors.add(mean);
        }
        System.out.println("memristor PCM noise factors " + Arrays.toString(factors) + ": relative errors " + errors);
        for (int i = 1; i < errors.size(); i++) {
            assertTrue(errors.get(i) > errors.get(i - 1), "error grows with noise: " + errors);
        }
        assertTrue(errors.get(0) < 0.02, "8-bit converters alone: " + errors.get(0));
        assertTrue(errors.get(3) < 0.15, "the PCM model at t_c: " + errors.get(3));
        assertTrue(errors.get(5) < 1.0, "four times the PCM noise stays bounded: " + errors.get(5));
    }

    @Test
    void sameSeedSameNoiseOtherSeedOtherNoise() {
        DeviceModel pcm = DeviceModel.pcm().readAfter(3600).withFaults(0.01, 0.01);
        double[] a = product(pcm, 42);
        double[] b = product(pcm, 42);
        double[] c = product(pcm, 43);
        assertArrayEquals(a, b, "same seed, same result");
        assertFalse(Arrays.equals(a, c), "another seed, another result");
    }

    /**
     * Without noise each row is one read with its own DAC and ADC range, so a product of all rows
     * at once (the input projection of every step of a sequence, as {@code Network.steps} computes
     * it) equals the rows' products one at a time (one step at a time), to the bit, at 4 bits.
     */
    @Test
    void withoutNoiseAProductOfManyRowsEqualsItsRowsOneAtATime() {
        DeviceModel pcm = DeviceModel.pcm();
        DeviceModel device = pcm.withNoise(0).withConverters(4, 4, pcm.dacEnergyJoules(), pcm.adcEnergyJoules()).withLevels(16);
        try (MemristorBackend b = new MemristorBackend(device, 1, HOST)) {
            Ops ops = b.ops();
            double[] all = ops.matmul(ops.fromArray(DType.F64, Shape.of(M, K), X), ops.fromArray(DType.F64, Shape.of(K, N), W))
                    .toDoubleArray();
            for (int r = 0; r < M; r++) {
                double[] row = java.util.Arrays.copyOfRange(X, r * K, (r + 1) * K);
                double[] one = ops.matmul(ops.fromArray(DType.F64, Shape.of(1, K), row),
                        ops.fromArray(DType.F64, Shape.of(K, N), W)).toDoubleArray();
                assertArrayEquals(one, java.util.Arrays.copyOfRange(all, r * N, (r + 1) * N), 0.0, "row " + r);
            }
        }
    }

    @Test
    void idealDeviceMatchesTheExactProduct() {
        double error = relativeError(product(DeviceModel.ideal(), 3), exact());
        System.out.printf("memristor ideal device: relative error %.3g%n", error);
        assertTrue(error < 1e-10, "ideal device error " + error);
    }

    @Test
    void fewerLevelsLargerError() {
        double[] exact = exact();
        DeviceModel ideal = DeviceModel.ideal();
        double e3 = relativeError(product(ideal.withLevels(3), 1), exact);
        double e17 = relativeError(product(ideal.withLevels(17), 1), exact);
        double e257 = relativeError(product(ideal.withLevels(257), 1), exact);
        System.out.printf("memristor levels 3/17/257: relative errors %.3g %.3g %.3g%n", e3, e17, e257);
        assertTrue(e3 > e17 && e17 > e257 && e257 > 0, e3 + " " + e17 + " " + e257);
        assertTrue(e257 < 0.01, "257 levels: " + e257);
    }

    private static DeviceModel wire(DeviceModel d, double ohms) {
        return new DeviceModel(d.gMinMicroSiemens(), d.gMaxMicroSiemens(), d.levels(), d.programmingNoiseScale(),
                d.readNoiseScale(), d.driftScale(), d.secondsAfterProgramming(), d.referenceSeconds(), d.stuckOnRate(),
                d.stuckOffRate(), d.dacBits(), d.adcBits(), ohms, d.readVoltage(), d.readPulseSeconds(),
                d.dacEnergyJoules(), d.adcEnergyJoules());
    }

    @Test
    void driftShrinksTheProductOverTime() {
        DeviceModel driftOnly = DeviceModel.ideal();
        driftOnly = new DeviceModel(0, 25, 0, 0, 0, 1, 20, 20, 0, 0, 40, 40, 0, 0.2, 250e-9, 0, 0);
        double[] exact = exact();
        double ratioHour = norm(product(driftOnly.readAfter(3600), 1)) / norm(exact);
        double ratioYear = norm(product(driftOnly.readAfter(3.15e7), 1)) / norm(exact);
        System.out.printf("memristor drift: |Y| / |XW| after 1 h %.4f, after 1 year %.4f%n", ratioHour, ratioYear);
        double nuMin = 0.049;
        double nuMax = 0.1;
        assertTrue(ratioHour < Math.pow(180, -nuMin) + 0.02 && ratioHour > Math.pow(180, -nuMax) - 0.02,
                "after one hour " + ratioHour);
        assertTrue(ratioYear < ratioHour, "drift continues: " + ratioYear + " vs " + ratioHour);
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    @Test
    void faultsAndIrDropDegradeTheProduct() {
        double[] exact = exact();
        double allStuckOn = norm(product(DeviceModel.ideal().withFaults(1, 0), 1));
        assertEquals(0.0, allStuckOn, 1e-12, "every device at gMax: every pair reads zero");
        double e1 = relativeError(product(DeviceModel.ideal().withFaults(0.01, 0.01), 1), exact);
        double e10 = relativeError(product(DeviceModel.ideal().withFaults(0.1, 0.1), 1), exact);
        double ir1 = relativeError(product(wire(DeviceModel.ideal(), 1), 1), exact);
        double ir10 = relativeError(product(wire(DeviceModel.ideal(), 10), 1), exact);
        System.out.printf("memristor faults 2%%/20%%: relative errors %.3g %.3g; IR drop 1/10 ohm: %.3g %.3g%n",
                e1, e10, ir1, ir10);
        assertTrue(e1 > 0 && e10 > e1, "faults: " + e1 + " " + e10);
        assertTrue(ir1 > 0 && ir10 > ir1 && ir10 < 0.1, "IR drop: " + ir1 + " " + ir10);
    }

    @Test
    void energyCountsAddUp() {
        DeviceModel device = DeviceModel.ideal().withConverters(40, 40, 1e-12, 3e-12);
        List<CrossbarCost> seen = new ArrayList<>();
        try (MemristorBackend b = new MemristorBackend(device, 1, HOST, seen::add)) {
            Ops ops = b.ops();
            Tensor x = ops.fromArray(DType.F64, Shape.of(1, 2), new double[] {1, -0.5});
            Tensor w = ops.fromArray(DType.F64, Shape.of(2, 2), new double[] {1, -2, 0.5, 0});
            Tensor y = ops.matmul(x, w);
            assertArrayEquals(new double[] {0.75, -2}, y.toDoubleArray(), 1e-9);
            // G+ = 25 max(w,0)/2 = [12.5 0; 6.25 0] uS, G- = [0 25; 0 0] uS, v = [0.2, -0.1] V, 250 ns
            double array = (0.04 * (12.5 + 25) + 0.01 * 6.25) * 1e-6 * 250e-9;
            CrossbarCost one = seen.get(0);
            assertEquals(array, one.arrayEnergyJoules(), 1e-25);
            assertEquals(2 * 1e-12 + 2 * 3e-12, one.converterEnergyJoules(), 1e-25);
            assertEquals(8, one.cellReads());
            assertEquals(4, one.conversions());
            assertEquals(250e-9, one.latencySeconds(), 1e-20);
            Tensor x3 = ops.fromArray(DType.F64, Shape.of(3, 2), new double[] {1, -0.5, 0.3, 0.2, -1, 1});
            ops.matmul(x3, w);
            ops.kernels().lstmStep(ops.fromArray(DType.F64, Shape.of(1, 8), new double[8]), x, x,
                    ops.fromArray(DType.F64, Shape.of(2, 8), new double[16]));
            assertEquals(3, seen.size(), "the fused step's one recurrent product goes to the crossbar");
            CrossbarCost sum = seen.stream().reduce(CrossbarCost.ZERO, CrossbarCost::plus);
            assertEquals(sum, b.totals());
            assertEquals(3, sum.products());
            assertEquals(1 + 3 + 1, sum.reads());
            assertEquals(5 * 250e-9, sum.latencySeconds(), 1e-18);
            System.out.printf("memristor energy: first product %.4g J, three products %.4g J (array %.4g J)%n",
                    one.energyJoules(), sum.energyJoules(), sum.arrayEnergyJoules());
            assertEquals(sum, b.resetTotals());
            assertEquals(CrossbarCost.ZERO, b.totals());
        }
    }

    @Test
    void theMeterGrowsByExactlyTheModelsCostOfAProduct() {
        DeviceModel device = DeviceModel.ideal().withConverters(40, 40, 1e-12, 3e-12);
        try (MemristorBackend b = new MemristorBackend(device, 1, HOST)) {
            Ops ops = b.ops();
            Tensor x = ops.fromArray(DType.F64, Shape.of(1, 2), new double[] {1, -0.5});
            Tensor w = ops.fromArray(DType.F64, Shape.of(2, 2), new double[] {1, -2, 0.5, 0});
            Map<String, Double> before = b.meter();
            ops.matmul(x, w);
            Map<String, Double> after = b.meter();
            // as in energyCountsAddUp: G+ = [12.5 0; 6.25 0] uS, G- = [0 25; 0 0] uS, v = [0.2, -0.1] V, 250 ns
            double array = (0.04 * (12.5 + 25) + 0.01 * 6.25) * 1e-6 * 250e-9;
            double converters = 2 * 1e-12 + 2 * 3e-12;
            assertEquals(array + converters, after.get("energy.joules") - before.get("energy.joules"), 1e-25);
            assertEquals(array, after.get("energy.array.joules") - before.get("energy.array.joules"), 1e-25);
            assertEquals(converters, after.get("energy.converter.joules") - before.get("energy.converter.joules"), 1e-25);
            assertEquals(250e-9, after.get("latency.seconds") - before.get("latency.seconds"), 1e-20);
            assertEquals(1.0, after.get("crossbar.products") - before.get("crossbar.products"));
            assertEquals(1.0, after.get("crossbar.reads") - before.get("crossbar.reads"));
            assertEquals(4.0, after.get("crossbar.macs") - before.get("crossbar.macs"), "1 x 2 x 2 weights read once");
            assertEquals(4.0, after.get("converter.conversions") - before.get("converter.conversions"));

            b.resetTotals();
            b.release();
            assertEquals(after, b.meter(), "neither resetTotals nor release lowers the meter");
            ops.matmul(x, w);
            assertEquals(2 * after.get("energy.joules"), b.meter().get("energy.joules"), "the same product again");
        }
    }

    @Test
    void eachThreadHasItsOwnMeter() throws Exception {
        DeviceModel device = DeviceModel.ideal();
        try (MemristorBackend b = new MemristorBackend(device, 1, HOST)) {
            Ops ops = b.ops();
            Tensor x = ops.fromArray(DType.F64, Shape.of(M, K), X);
            Tensor w = ops.fromArray(DType.F64, Shape.of(K, N), W);
            List<Map<String, Double>> seen = Collections.synchronizedList(new ArrayList<>(List.of(Map.of(), Map.of())));
            Thread one = new Thread(() -> {
                ops.matmul(x, w);
                seen.set(0, b.meter());
            });
            Thread three = new Thread(() -> {
                for (int i = 0; i < 3; i++) {
                    ops.matmul(x, w);
                }
                seen.set(1, b.meter());
            });
            one.start();
            three.start();
            one.join();
            three.join();
            assertEquals(1.0, seen.get(0).get("crossbar.products"));
            assertEquals(3.0, seen.get(1).get("crossbar.products"));
            assertEquals((double) M * K * N, seen.get(0).get("crossbar.macs"));
            assertEquals(3.0 * M, seen.get(1).get("crossbar.reads"));
            assertEquals(3 * seen.get(0).get("energy.joules"), seen.get(1).get("energy.joules"),
                    1e-9 * seen.get(1).get("energy.joules"), "an ideal device: the same product costs the same");
            assertTrue(seen.get(0).get("energy.joules") > 0);
            assertEquals(0.0, b.meter().get("crossbar.products"), "this thread computed nothing");
            assertEquals(4, b.totals().products(), "the running total counts every thread");
        }
    }

    @Test
    void releaseReachesTheHost() {
        List<String> released = new ArrayList<>();
        io.engram.tensor.Backend host = new io.engram.tensor.Backend() {
            @Override
            public String id() {
                return "cpu";
            }

            @Override
            public io.engram.tensor.Availability availability() {
                return HOST.availability();
            }

            @Override
            public java.util.Set<DType> dtypes() {
                return HOST.dtypes();
            }

            @Override
            public Ops ops() {
                return HOST.ops();
            }

            @Override
            public void release() {
                released.add(Thread.currentThread().getName());
            }
        };
        try (MemristorBackend b = new MemristorBackend(DeviceModel.ideal(), 1, host)) {
            b.release();
        }
        assertEquals(List.of(Thread.currentThread().getName()), released);
    }

    @Test
    void invalidModelIsUnavailableNamingEveryField() {
        DeviceModel bad = new DeviceModel(-1, -2, 1, 0, 0, 0, 20, 20, 0.7, 0.6, 1, 60, 0, 0.2, 250e-9, 0, 0);
        try (MemristorBackend b = new MemristorBackend(bad, 1, HOST)) {
            assertFalse(b.availability().available());
            String reason = b.availability().reason();
            for (String field : List.of("gMinMicroSiemens", "gMaxMicroSiemens", "levels", "stuckOffRate", "dacBits",
                    "adcBits")) {
                assertTrue(reason.contains(field + ":"), field + " in " + reason);
            }
        }
        assertTrue(new MemristorBackend(DeviceModel.pcm(), 1, HOST).availability().available());
    }
}
