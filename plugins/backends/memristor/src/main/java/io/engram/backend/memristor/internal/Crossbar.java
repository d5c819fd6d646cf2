package io.engram.backend.memristor.internal;

import io.engram.backend.memristor.CrossbarCost;
import io.engram.backend.memristor.DeviceModel;
import java.util.SplittableRandom;

/**
 * One matrix product {@code Y = X W} ({@code X [m,k]}, {@code W [k,n]}) on an analogue crossbar
 * whose {@code k} rows are driven by the inputs and whose {@code n} columns are sensed, with the
 * PCM statistics of Nandakumar et al. (IEEE ICECS 2019; calibrated in Joshi et al., Nature
 * Communications 11, 2473, 2020). Conductances are in microsiemens, {@code g_T} below is the target
 * normalised to {@code gMax}.
 * <pre>
 *   mapping      w -> (G+, G-) = (gMin + s max(w,0)/wMax, gMin + s max(-w,0)/wMax),  s = gMax - gMin
 *                (rounded to the nearest of {@code levels} equidistant values when levels &gt; 0)
 *   programming  G = G_T + N(0, sigma_prog),  sigma_prog = max(-1.1731 g_T^2 + 1.9650 g_T + 0.2635, 0)
 *   faults       a device stuck on reads gMax, stuck off gMin (a fixed map of the array per seed)
 *   drift        G(t) = G (t / t_c)^(-nu),  nu ~ N(mu_nu, sigma_nu)            for t &gt; t_c
 *                mu_nu = min(max(-0.0155 ln g_T + 0.0244, 0.049), 0.1)
 *                sigma_nu = min(max(-0.0125 ln g_T - 0.0059, 0.008), 0.045)
 *   read noise   G_read = G(t) + N(0, G(t) Q_s sqrt(ln((t + t_r) / (2 t_r)))),  Q_s = min(0.0088 / g_T^0.65, 0.2)
 *                drawn afresh at each read cycle, t_r the read pulse
 *   input DAC    v_i = V_read q_dac(x_i / xMax)        (xMax = max |x| of the row; q rounds to 2^(b-1)-1 steps)
 *   IR drop      each device sees v_i / (1 + R_wire G (i + j + 2)): the i+1 row and j+1 column wire
 *                segments between it and its driver and sense amplifier, ignoring the currents of the
 *                other devices on those wires (a first-order estimate, exact for one device)
 *   currents     I_j = sum_i v_i,eff+ G+_ij - v_i,eff- G-_ij
 *   output ADC   auto-ranging per read: full scale = max_j |I_j|, rounded to 2^(b-1)-1 steps
 *   result       y_j = I_j wMax xMax / (V_read s)
 *   energy       sum_i sum_j v_i^2 (G+_ij + G-_ij) t_r per read, plus k DAC and n ADC conversions
 * </pre>
 * The noise scales of the {@link DeviceModel} multiply {@code sigma_prog}, {@code nu} and the read
 * noise. Each product programs {@code W} afresh (new programming noise and drift exponents); faults
 * belong to array positions and are the same for every product of a backend.
 *
 * <p>Stateless; a product draws only from the generator it is given.
 */
final class Crossbar {
    private static final double MICRO = 1e-6;

    private final DeviceModel device;
    private final long faultSeed;

    Crossbar(DeviceModel device, long faultSeed) {
        this.device = device;
        this.faultSeed = faultSeed;
    }

    /** The result of one product and its cost. */
    record Product(double[] y, CrossbarCost cost) {
    }

    /** {@code x [m,k] @ w [k,n]}, row-major. */
    Product multiply(double[] x, double[] w, int m, int k, int n, SplittableRandom random) {
        double span = device.gMaxMicroSiemens() - device.gMinMicroSiemens();
        double wMax = 0;
        for (double v : w) {
            wMax = Math.max(wMax, Math.abs(v));
        }
        double[] targetPos = new double[k * n];
        double[] targetNeg = new double[k * n];
        double[] gPos = new double[k * n];
        double[] gNeg = new double[k * n];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < n; j++) {
                int c = i * n + j;
                double u = wMax == 0 ? 0 : w[c] / wMax;
                targetPos[c] = level(device.gMinMicroSiemens() + span * Math.max(u, 0));
                targetNeg[c] = level(device.gMinMicroSiemens() + span * Math.max(-u, 0));
                gPos[c] = program(targetPos[c], i, j, 0, random);
                gNeg[c] = program(targetNeg[c], i, j, 1, random);
            }
        }
        double t = Math.max(device.secondsAfterProgramming(), device.referenceSeconds());
        double tr = device.readPulseSeconds();
        double readFactor = device.readNoiseScale() * Math.sqrt(Math.max(0, Math.log((t + tr) / (2 * tr))));
        double dacSteps = Math.pow(2, device.dacBits() - 1) - 1;
        double adcSteps = Math.pow(2, device.adcBits() - 1) - 1;
        double vRead = device.readVoltage();
        double rWire = device.wireResistanceOhms();
        double[] y = new double[m * n];
        double[] v = new double[k];
        double[] current = new double[n];
        double energy = 0;
        for (int r = 0; r < m; r++) {
            double xMax = 0;
            for (int i = 0; i < k; i++) {
                xMax = Math.max(xMax, Math.abs(x[r * k + i]));
            }
            for (int i = 0; i < k; i++) {
                v[i] = xMax == 0 ? 0 : vRead * quantise(x[r * k + i] / xMax, dacSteps);
            }
            java.util.Arrays.fill(current, 0);
            for (int i = 0; i < k; i++) {
                double vi = v[i];
                for (int j = 0; j < n; j++) {
                    int c = i * n + j;
                    double gp = read(gPos[c], targetPos[c], readFactor, random);
                    double gm = read(gNeg[c], targetNeg[c], readFactor, random);
                    double vp = vi / (1 + rWire * gp * MICRO * (i + j + 2));
                    double vm = vi / (1 + rWire * gm * MICRO * (i + j + 2));
                    current[j] += vp * gp - vm * gm;
                    energy += (vp * vp * gp + vm * vm * gm) * MICRO * tr;
                }
            }
            double fullScale = 0;
            for (int j = 0; j < n; j++) {
                fullScale = Math.max(fullScale, Math.abs(current[j]));
            }
            for (int j = 0; j < n; j++) {
                double sensed = fullScale == 0 ? 0 : fullScale * quantise(current[j] / fullScale, adcSteps);
                y[r * n + j] = sensed * wMax * xMax / (vRead * span);
            }
        }
        long conversions = (long) m * (k + n);
        double converterEnergy = (long) m * k * device.dacEnergyJoules() + (long) m * n * device.adcEnergyJoules();
        CrossbarCost cost = new CrossbarCost(1, m, 2L * m * k * n, conversions, energy, converterEnergy, m * tr);
        return new Product(y, cost);
    }

    private double level(double g) {
        int levels = device.levels();
        if (levels == 0) {
            return g;
        }
        double span = device.gMaxMicroSiemens() - device.gMinMicroSiemens();
        double step = span / (levels - 1);
        return device.gMinMicroSiemens() + Math.rint((g - device.gMinMicroSiemens()) / step) * step;
    }

    /** Programming noise, faults and drift of the device at {@code cell} of one polarity. */
    private double program(double target, int row, int column, int polarity, SplittableRandom random) {
        double gT = target / device.gMaxMicroSiemens();
        double sigmaProg = Math.max(-1.1731 * gT * gT + 1.9650 * gT + 0.2635, 0);
        double g = Math.max(0, target + device.programmingNoiseScale() * sigmaProg * random.nextGaussian());
        double fault = faultDraw(row, column, polarity);
        if (fault < device.stuckOnRate()) {
            g = device.gMaxMicroSiemens();
        } else if (fault < device.stuckOnRate() + device.stuckOffRate()) {
            g = device.gMinMicroSiemens();
        }
        double t = device.secondsAfterProgramming();
        if (t > device.referenceSeconds() && device.driftScale() > 0) {
            double lnG = Math.log(gT);
            double mu = Math.min(Math.max(-0.0155 * lnG + 0.0244, 0.049), 0.1);
            double sigma = Math.min(Math.max(-0.0125 * lnG - 0.0059, 0.008), 0.045);
            double nu = Math.max(0, device.driftScale() * (mu + sigma * random.nextGaussian()));
            g *= Math.pow(t / device.referenceSeconds(), -nu);
        }
        return g;
    }

    private double read(double g, double target, double readFactor, SplittableRandom random) {
        if (readFactor == 0) {
            return g;
        }
        double gT = target / device.gMaxMicroSiemens();
        double qs = gT <= 0 ? 0.2 : Math.min(0.0088 / Math.pow(gT, 0.65), 0.2);
        return Math.max(0, g + g * qs * readFactor * random.nextGaussian());
    }

    /** A uniform number in [0, 1) fixed by the array position (row, column, device of the pair) and the seed. */
    private double faultDraw(int row, int column, int polarity) {
        long position = (((long) row << 32) | (column & 0xFFFFFFFFL)) * 2 + polarity + 1;
        long z = faultSeed + 0x9E3779B97F4A7C15L * position;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53;
    }

    private static double quantise(double u, double steps) {
        return Math.rint(u * steps) / steps;
    }
}
