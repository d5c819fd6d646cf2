package io.engram.backend.memristor;

/**
 * Energy and latency estimate of crossbar work: of one matrix product, or a running total.
 *
 * @param products           matrix products computed on the crossbar
 * @param reads              read cycles: one per row of the left operand of each product
 * @param cellReads          device reads: two devices (a differential pair) per weight per cycle
 * @param conversions        DAC plus ADC conversions
 * @param arrayEnergyJoules  Joule heating in the devices, {@code sum V^2 G t_read}
 * @param converterEnergyJoules energy of the DAC and ADC conversions
 * @param latencySeconds     one read pulse per cycle, cycles in sequence
 */
public record CrossbarCost(long products, long reads, long cellReads, long conversions, double arrayEnergyJoules,
                           double converterEnergyJoules, double latencySeconds) {

    /** Nothing yet. */
    public static final CrossbarCost ZERO = new CrossbarCost(0, 0, 0, 0, 0, 0, 0);

    /** The sum of this and {@code other}. */
    public CrossbarCost plus(CrossbarCost other) {
        return new CrossbarCost(products + other.products, reads + other.reads, cellReads + other.cellReads,
                conversions + other.conversions, arrayEnergyJoules + other.arrayEnergyJoules,
                converterEnergyJoules + other.converterEnergyJoules, latencySeconds + other.latencySeconds);
    }

    /** Array plus converter energy. */
    public double energyJoules() {
        return arrayEnergyJoules + converterEnergyJoules;
    }
}
