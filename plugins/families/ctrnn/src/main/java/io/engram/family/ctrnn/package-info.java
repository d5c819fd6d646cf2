/**
 * Continuous-time recurrent dynamics (Beer 1995): the vector field of a CTRNN and the fixed-step
 * integrators (Euler, fourth-order Runge-Kutta) that advance it, written against {@link io.engram.tensor.Ops}
 * so that a family built on them is recorded for BPTT and carries tangents for RTRL through the integrator.
 */
@Version("0.1.0")
@Export
package io.engram.family.ctrnn;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
