package io.engram.backend.memristor;

import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;

/**
 * The crossbar's device and periphery parameters.
 *
 * <p>The statistics of {@link #pcm()} are those of the phase-change-memory (PCM) model of
 * Nandakumar et al., "Phase-change memory models for deep learning training and inference", 26th
 * IEEE ICECS 2019, pp. 727-730, calibrated on a one-million-device array in Joshi et al.,
 * "Accurate deep neural network inference using computational phase-change memory", Nature
 * Communications 11, 2473 (2020). From that model come: {@code gMax = 25 uS}, the programming-noise
 * polynomial, the drift exponent's mean and spread, the 1/f read-noise amplitude and the read pulse
 * of 250 ns. The converter resolutions (8-bit DAC and ADC), the read voltage (0.2 V), the level
 * count (0: analogue, as iterative write-verify programming gives), fault rates (0), wire
 * resistance (0) and converter energies (0) are choices of this backend, not of the cited model.
 *
 * @param gMinMicroSiemens         lowest programmable conductance (the idle device of a pair)
 * @param gMaxMicroSiemens         highest programmable conductance
 * @param levels                   programmable conductance levels between them; 0 for analogue
 * @param programmingNoiseScale    factor on the model's programming noise (0: none, 1: the model)
 * @param readNoiseScale           factor on the model's 1/f read noise
 * @param driftScale               factor on the model's drift exponent
 * @param secondsAfterProgramming  time of the reads after programming; drift acts beyond
 *                                 {@code referenceSeconds}
 * @param referenceSeconds         {@code t_c}, the time at which the programmed conductance is defined
 * @param stuckOnRate              fraction of devices stuck at {@code gMax}
 * @param stuckOffRate             fraction of devices stuck at {@code gMin}
 * @param dacBits                  input DAC resolution, sign included
 * @param adcBits                  output ADC resolution, sign included
 * @param wireResistanceOhms       resistance of one wire segment between neighbouring cells (IR drop)
 * @param readVoltage              voltage of a full-scale input, in volts
 * @param readPulseSeconds         duration of one read pulse
 * @param dacEnergyJoules          energy of one input conversion
 * @param adcEnergyJoules          energy of one output conversion
 */
public record DeviceModel(double gMinMicroSiemens, double gMaxMicroSiemens, int levels,
                          double programmingNoiseScale, double readNoiseScale, double driftScale,
                          double secondsAfterProgramming, double referenceSeconds,
                          double stuckOnRate, double stuckOffRate, int dacBits, int adcBits,
                          double wireResistanceOhms, double readVoltage, double readPulseSeconds,
                          double dacEnergyJoules, double adcEnergyJoules) {

    /** The PCM model of Nandakumar et al. 2019, read at the reference time (no drift yet). */
    public static DeviceModel pcm() {
        return new DeviceModel(0.0, 25.0, 0, 1.0, 1.0, 1.0, 20.0, 20.0, 0.0, 0.0, 8, 8, 0.0, 0.2, 250e-9,
                0.0, 0.0);
    }

    /** A device without noise, drift or faults, with analogue levels and 40-bit converters. */
    public static DeviceModel ideal() {
        return new DeviceModel(0.0, 25.0, 0, 0.0, 0.0, 0.0, 20.0, 20.0, 0.0, 0.0, 40, 40, 0.0, 0.2, 250e-9,
                0.0, 0.0);
    }

    /** This model with every noise source (programming, read, drift) scaled by {@code factor}. */
    public DeviceModel withNoise(double factor) {
        return new DeviceModel(gMinMicroSiemens, gMaxMicroSiemens, levels, factor, factor, factor,
                secondsAfterProgramming, referenceSeconds, stuckOnRate, stuckOffRate, dacBits, adcBits,
                wireResistanceOhms, readVoltage, readPulseSeconds, dacEnergyJoules, adcEnergyJoules);
    }

    /** This model with {@code levels} programmable conductance levels (0: analogue). */
    public DeviceModel withLevels(int levels) {
        return new DeviceModel(gMinMicroSiemens, gMaxMicroSiemens, levels, programmingNoiseScale, readNoiseScale,
                driftScale, secondsAfterProgramming, referenceSeconds, stuckOnRate, stuckOffRate, dacBits, adcBits,
                wireResistanceOhms, readVoltage, readPulseSeconds, dacEnergyJoules, adcEnergyJoules);
    }

    /** This model with the given fault rates. */
    public DeviceModel withFaults(double stuckOn, double stuckOff) {
        return new DeviceModel(gMinMicroSiemens, gMaxMicroSiemens, levels, programmingNoiseScale,
                readNoiseScale, driftScale, secondsAfterProgramming, referenceSeconds, stuckOn, stuckOff, dacBits,
                adcBits, wireResistanceOhms, readVoltage, readPulseSeconds, dacEnergyJoules, adcEnergyJoules);
    }

    /** This model read {@code seconds} after programming. */
    public DeviceModel readAfter(double seconds) {
        return new DeviceModel(gMinMicroSiemens, gMaxMicroSiemens, levels, programmingNoiseScale,
                readNoiseScale, driftScale, seconds, referenceSeconds, stuckOnRate, stuckOffRate, dacBits, adcBits,
                wireResistanceOhms, readVoltage, readPulseSeconds, dacEnergyJoules, adcEnergyJoules);
    }

    /** This model with the given converter resolutions and energies. */
    public DeviceModel withConverters(int dac, int adc, double dacJoules, double adcJoules) {
        return new DeviceModel(gMinMicroSiemens, gMaxMicroSiemens, levels, programmingNoiseScale,
                readNoiseScale, driftScale, secondsAfterProgramming, referenceSeconds, stuckOnRate, stuckOffRate,
                dac, adc, wireResistanceOhms, readVoltage, readPulseSeconds, dacJoules, adcJoules);
    }

    /**
     * The model, or every problem at once, each naming its field with the given prefix (for example
     * {@code "memristor."}).
     */
    public Validation<Seq<String>, DeviceModel> validate(String prefix) {
        List<String> problems = List.empty();
        if (!(gMinMicroSiemens >= 0)) {
            problems = problems.append(prefix + "gMinMicroSiemens: must be >= 0, got " + gMinMicroSiemens);
        }
        if (!(gMaxMicroSiemens > gMinMicroSiemens)) {
            problems = problems.append(prefix + "gMaxMicroSiemens: must exceed gMinMicroSiemens ("
                    + gMinMicroSiemens + "), got " + gMaxMicroSiemens);
        }
        if (levels != 0 && levels < 2) {
            problems = problems.append(prefix + "levels: must be 0 (analogue) or at least 2, got " + levels);
        }
        problems = nonNegative(problems, prefix + "programmingNoiseScale", programmingNoiseScale);
        problems = nonNegative(problems, prefix + "readNoiseScale", readNoiseScale);
        problems = nonNegative(problems, prefix + "driftScale", driftScale);
        problems = nonNegative(problems, prefix + "secondsAfterProgramming", secondsAfterProgramming);
        problems = positive(problems, prefix + "referenceSeconds", referenceSeconds);
        problems = rate(problems, prefix + "stuckOnRate", stuckOnRate);
        problems = rate(problems, prefix + "stuckOffRate", stuckOffRate);
        if (stuckOnRate + stuckOffRate > 1) {
            problems = problems.append(prefix + "stuckOffRate: stuckOnRate + stuckOffRate must be <= 1, got "
                    + (stuckOnRate + stuckOffRate));
        }
        problems = bits(problems, prefix + "dacBits", dacBits);
        problems = bits(problems, prefix + "adcBits", adcBits);
        problems = nonNegative(problems, prefix + "wireResistanceOhms", wireResistanceOhms);
        problems = positive(problems, prefix + "readVoltage", readVoltage);
        problems = positive(problems, prefix + "readPulseSeconds", readPulseSeconds);
        problems = nonNegative(problems, prefix + "dacEnergyJoules", dacEnergyJoules);
        problems = nonNegative(problems, prefix + "adcEnergyJoules", adcEnergyJoules);
        return problems.isEmpty() ? Validation.valid(this) : Validation.invalid(problems);
    }

    private static List<String> nonNegative(List<String> problems, String field, double value) {
        return value >= 0 && Double.isFinite(value) ? problems
                : problems.append(field + ": must be a finite number >= 0, got " + value);
    }

    private static List<String> positive(List<String> problems, String field, double value) {
        return value > 0 && Double.isFinite(value) ? problems
                : problems.append(field + ": must be a finite number > 0, got " + value);
    }

    private static List<String> rate(List<String> problems, String field, double value) {
        return value >= 0 && value <= 1 ? problems : problems.append(field + ": must lie in [0, 1], got " + value);
    }

    private static List<String> bits(List<String> problems, String field, int value) {
        return value >= 2 && value <= 48 ? problems : problems.append(field + ": must lie in [2, 48], got " + value);
    }
}
