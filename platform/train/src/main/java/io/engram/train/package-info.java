/**
 * What trainers share: losses, optimizers, gradient clipping, learning-rate schedules, early
 * stopping, sequence gradients by BPTT and RTRL, the checkpoint file format, and the generation
 * loop of population trainers ({@link io.engram.train.PopulationSearch} around a
 * {@link io.engram.train.PopulationOptimizer}).
 */
@Version("0.2.0")
@Export
package io.engram.train;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
