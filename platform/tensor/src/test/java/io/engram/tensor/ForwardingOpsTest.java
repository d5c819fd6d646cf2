package io.engram.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link ForwardingOps} forwards every op of {@link Ops} except those composed from others, so a
 * new op added to {@code Ops} without a forwarding method fails here.
 */
class ForwardingOpsTest {
    /** Composites left to their defaults over the forwarding object, so that they see its overrides. */
    private static final Set<String> COMPOSED = Set.of("batchedMatmul(Tensor,Tensor,boolean,boolean)",
            "inputProjection(Tensor,Tensor,Tensor)", "kernels()");
    /** Shorthands that call the full form on the same object. */
    private static final Set<String> SHORTHANDS = Set.of("matmul(Tensor,Tensor)", "batchedMatmul(Tensor,Tensor)",
            "heaviside(Tensor)");

    private static String signature(Method m) {
        List<String> types = new ArrayList<>();
        for (Class<?> t : m.getParameterTypes()) {
            types.add(t.getSimpleName());
        }
        return m.getName() + "(" + String.join(",", types) + ")";
    }

    @Test
    void forwardsEveryOpButTheComposedOnesAndTheShorthands() {
        int forwarded = 0;
        for (Method m : Ops.class.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            String sig = signature(m);
            boolean declared;
            try {
                ForwardingOps.class.getDeclaredMethod(m.getName(), m.getParameterTypes());
                declared = true;
            } catch (NoSuchMethodException e) {
                declared = false;
            }
            boolean expected = !COMPOSED.contains(sig) && !SHORTHANDS.contains(sig);
            assertEquals(expected, declared, sig + (expected ? " is not forwarded" : " should compose, not forward"));
            forwarded += declared ? 1 : 0;
        }
        assertTrue(forwarded >= 40, "forwarded ops: " + forwarded);
    }
}
