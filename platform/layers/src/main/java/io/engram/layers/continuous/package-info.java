/**
 * Continuous-time recurrent dynamics (R. D. Beer 1995, "On the dynamics of small continuous-time
 * recurrent neural networks", Adaptive Behavior 3(4)): the vector field of a CTRNN,
 * {@code tau_i dy_i/dt = -y_i + sum_j w_ji sigma(y_j + theta_j) + I_i}, and the fixed-step integrators
 * (Euler, fourth-order Runge-Kutta) that advance it, written against {@link io.engram.tensor.Ops}
 * so that a family built on them is recorded for BPTT and carries tangents for RTRL through the integrator.
 */
@Version("0.1.0")
@Export
package io.engram.layers.continuous;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
