package io.engram.testkit;

import io.engram.tensor.Availability;
import io.engram.tensor.Backend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;

/**
 * The default implementations in {@link Ops} of sqrt, abs, sign, maximum, minimum, the comparisons,
 * the step and cumsum (what a backend without its own kernels runs, on the host) held to the
 * conformance suite: every other op is the reference backend's, against which they are checked.
 */
class OpsDefaultsConformanceTest extends BackendConformance {
    private static final Set<String> DEFAULTS = Set.of("sqrt", "abs", "sign", "maximum", "minimum", "greater",
            "greaterEqual", "less", "lessEqual", "heaviside", "cumsum", "batchedMatmul");

    OpsDefaultsConformanceTest() {
        super(new DefaultsBackend(new ReferenceBackend()), Map.of(DType.F32, 1e-6, DType.F64, 1e-13));
    }

    @AfterEach
    void closeBackend() {
        backend().close();
    }

    /** The reference backend whose ops run the interface's defaults for the ops above. */
    private static final class DefaultsBackend implements Backend {
        private final Backend base;
        private final Ops ops;

        DefaultsBackend(Backend base) {
            this.base = base;
            Ops target = base.ops();
            InvocationHandler handler = (proxy, method, args) -> {
                if (method.isDefault() && DEFAULTS.contains(method.getName())) {
                    return InvocationHandler.invokeDefault(proxy, method, args);
                }
                try {
                    return method.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            };
            this.ops = (Ops) Proxy.newProxyInstance(Ops.class.getClassLoader(), new Class<?>[] {Ops.class}, handler);
        }

        @Override
        public String id() {
            return "reference-defaults";
        }

        @Override
        public Availability availability() {
            return base.availability();
        }

        @Override
        public Set<DType> dtypes() {
            return base.dtypes();
        }

        @Override
        public Ops ops() {
            return ops;
        }

        @Override
        public void close() {
            base.close();
        }
    }
}
