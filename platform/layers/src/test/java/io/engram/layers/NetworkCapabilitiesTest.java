package io.engram.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Associative;
import io.engram.api.Capability;
import io.engram.api.Differentiable;
import io.engram.api.LinearReadout;
import io.engram.api.ParameterVector;
import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.Ops;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class NetworkCapabilitiesTest {
    private static final CpuBackend BACKEND = new CpuBackend(1);
    private static final Ops OPS = BACKEND.ops();

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    @Test
    void aStackIsDifferentiableWithAParameterVectorAndNothingElse() {
        StackedNetwork net = StackedNetworkTest.runningSum();
        assertSame(net, net.capability(Differentiable.class).orElseThrow());
        assertTrue(net.capability(ParameterVector.class).isPresent());
        assertEquals(Optional.empty(), net.capability(Associative.class));
        assertEquals(Optional.empty(), net.capability(LinearReadout.class));
    }

    @Test
    void theParameterVectorReadsAndWritesEveryTrainableParameterInOrder() {
        StackedNetwork net = StackedNetworkTest.runningSum();
        ParameterVector v = net.capability(ParameterVector.class).orElseThrow();
        assertEquals(List.copyOf(net.parameters().keySet()), v.names());
        assertEquals(3, v.size());
        assertArrayEquals(initial(v.names()), v.values(), 0.0);
        v.write(OPS, new double[] {2, 3, 4});
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(new double[] {2 + i}, net.parameters().get(v.names().get(i)).toDoubleArray(), 0.0);
        }
        assertFalse(v.lower().isPresent());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v.write(OPS, new double[2]));
        assertTrue(e.getMessage().contains("has 3 elements, got an array of 2"), e.getMessage());
    }

    @Test
    void boundsAreReportedAndAWriteOutsideThemChangesNothing() {
        StackedNetwork net = StackedNetworkTest.runningSum();
        ParameterVector v = ParameterVector.bounded(net, -1.5, 1.5);
        assertArrayEquals(new double[] {-1.5, -1.5, -1.5}, v.lower().orElseThrow(), 0.0);
        assertArrayEquals(new double[] {1.5, 1.5, 1.5}, v.upper().orElseThrow(), 0.0);
        double[] outside = new double[3];
        outside[1] = 2;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v.write(OPS, outside));
        assertEquals("parameter vector element 1 (" + v.names().get(1) + "[0]) is 2.0, outside its bounds [-1.5, 1.5]",
                e.getMessage());
        assertArrayEquals(initial(v.names()), v.values(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> ParameterVector.bounded(net, 1, 0));
    }

    /** The running sum's initial values in the order of {@code names}: weights 1, bias 0. */
    private static double[] initial(List<String> names) {
        return names.stream().mapToDouble(n -> n.equals(Readout.BIAS) ? 0 : 1).toArray();
    }

    @Test
    void everyCapabilityNameHasItsInterface() {
        assertEquals(Optional.of(Differentiable.class), Capability.type(Capability.DIFFERENTIABLE));
        assertEquals(Optional.of(ParameterVector.class), Capability.type(Capability.FLAT_PARAMETERS));
        assertEquals(Optional.of(Associative.class), Capability.type(Capability.ASSOCIATIVE));
        assertEquals(Optional.of(LinearReadout.class), Capability.type(Capability.LINEAR_READOUT));
        assertEquals(Optional.empty(), Capability.type("telepathic"));
        for (String name : Capability.names()) {
            assertTrue(Capability.types().contains(Capability.type(name).orElseThrow()), name);
        }
    }
}
