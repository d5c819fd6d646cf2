package org.example.engram.mgu;

import java.util.Locale;

/**
 * The forget-gate equation of a minimal gated unit. The unit itself is the same for all variants
 * (Zhou, Wu, Zhang and Zhou 2016, "Minimal gated unit for recurrent neural networks", restated by
 * Heck and Salem 2017, "Simplified minimal gated unit variations for recurrent neural networks",
 * section II):
 * <pre>
 *   h̃_t = tanh(W_h x_t + U_h (f_t ⊙ h_{t-1}) + b_h)
 *   h_t = (1 - f_t) ⊙ h_{t-1} + f_t ⊙ h̃_t
 * </pre>
 * and the variants differ in the forget gate {@code f_t} (Heck and Salem 2017, section III).
 */
public enum MguVariant {
    /** {@code f_t = σ(W_f x_t + U_f h_{t-1} + b_f)}: the original MGU. */
    MGU,
    /** {@code f_t = σ(U_f h_{t-1} + b_f)}: no input term. */
    MGU1,
    /** {@code f_t = σ(U_f h_{t-1})}: no input term, no bias. */
    MGU2,
    /** {@code f_t = σ(b_f)}: the bias alone. */
    MGU3;

    /** The id used in specs: {@code mgu}, {@code mgu1}, {@code mgu2}, {@code mgu3}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The variant with the given id. */
    public static MguVariant of(String id) {
        return valueOf(id.trim().toUpperCase(Locale.ROOT));
    }

    /** Whether the forget gate sees the input. */
    public boolean gateSeesInput() {
        return this == MGU;
    }

    /** Whether the forget gate sees the previous state. */
    public boolean gateSeesState() {
        return this != MGU3;
    }

    /** Whether the forget gate has a bias. */
    public boolean gateHasBias() {
        return this != MGU2;
    }
}
