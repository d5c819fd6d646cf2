package io.engram.backend.memristor.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Settings of the memristor backend component, under PID {@code io.engram.backend.memristor}. The
 * defaults are {@link io.engram.backend.memristor.DeviceModel#pcm()}.
 */
@ObjectClassDefinition(name = "Engram memristor backend",
        description = "Matrix products on a simulated crossbar of differential PCM conductance pairs.")
public @interface MemristorBackendConfiguration {

    @AttributeDefinition(description = "Seed of programming noise, read noise, drift exponents and the fault map.")
    long seed() default 1L;


    @AttributeDefinition(description = "Lowest conductance, microsiemens.")
    double gMinMicroSiemens() default 0.0;

    @AttributeDefinition(description = "Highest conductance, microsiemens (PCM model: 25).")
    double gMaxMicroSiemens() default 25.0;

    @AttributeDefinition(description = "Programmable levels; 0: analogue.")
    int levels() default 0;

    @AttributeDefinition(description = "Factor on the model's programming noise.")
    double programmingNoiseScale() default 1.0;

    @AttributeDefinition(description = "Factor on the model's read noise.")
    double readNoiseScale() default 1.0;

    @AttributeDefinition(description = "Factor on the model's drift exponent.")
    double driftScale() default 1.0;

    @AttributeDefinition(description = "Time of the reads after programming, seconds.")
    double secondsAfterProgramming() default 20.0;

    @AttributeDefinition(description = "Reference time t_c of the programmed conductance, seconds.")
    double referenceSeconds() default 20.0;

    @AttributeDefinition(description = "Fraction of devices stuck at the highest conductance.")
    double stuckOnRate() default 0.0;

    @AttributeDefinition(description = "Fraction of devices stuck at the lowest conductance.")
    double stuckOffRate() default 0.0;

    @AttributeDefinition(description = "Input DAC bits, sign included.")
    int dacBits() default 8;

    @AttributeDefinition(description = "Output ADC bits, sign included.")
    int adcBits() default 8;

    @AttributeDefinition(description = "Wire resistance per cell segment, ohms (0: no IR drop).")
    double wireResistanceOhms() default 0.0;

    @AttributeDefinition(description = "Read voltage of a full-scale input, volts.")
    double readVoltage() default 0.2;

    @AttributeDefinition(description = "Read pulse, seconds (PCM model: 250 ns).")
    double readPulseSeconds() default 250e-9;

    @AttributeDefinition(description = "Energy of one DAC conversion, joules.")
    double dacEnergyJoules() default 0.0;

    @AttributeDefinition(description = "Energy of one ADC conversion, joules.")
    double adcEnergyJoules() default 0.0;
}
