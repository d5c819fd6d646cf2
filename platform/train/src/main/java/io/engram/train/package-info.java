/**
 * What gradient trainers share: losses, optimizers, gradient clipping, learning-rate schedules,
 * early stopping, sequence gradients by BPTT and RTRL, and the checkpoint file format.
 */
@Version("0.2.0")
@Export
package io.engram.train;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
