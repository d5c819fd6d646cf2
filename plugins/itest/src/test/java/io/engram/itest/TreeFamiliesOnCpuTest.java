package io.engram.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Application;
import io.engram.api.Batch;
import io.engram.api.Loss;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.TaskData;
import io.engram.app.trees.internal.TreesApplication;
import io.engram.backend.cpu.CpuBackend;
import io.engram.family.recursive.internal.RecursiveFamily;
import io.engram.family.rntn.internal.RntnFamily;
import io.engram.layers.SequenceOutputs;
import io.engram.tensor.Backend;
import io.engram.tensor.DType;
import io.engram.tensor.Tensor;
import io.engram.testkit.ReferenceBackend;
import io.engram.train.Losses;
import io.engram.train.SequenceGradients;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The tree families on the CPU backend against the testkit's reference ops in f64: the outputs at
 * every node of the trees application's expressions (a padded batch of trees of several depths) and
 * the gradients of backpropagation through structure agree to rounding.
 */
class TreeFamiliesOnCpuTest {
    private static final CpuBackend CPU = new CpuBackend(2);
    private static final Backend REFERENCE = new ReferenceBackend();

    @AfterAll
    static void close() {
        CPU.close();
    }

    @Test
    void recursiveAgreesWithTheReferenceOps() {
        agree(new RecursiveFamily(), Map.of("hidden", "5", "capacity", "12"));
    }

    @Test
    void rntnAgreesWithTheReferenceOps() {
        agree(new RntnFamily(), Map.of("hidden", "4", "capacity", "12", "tensor.scale", "2"));
    }

    private static void agree(NetworkFamily family, Map<String, String> model) {
        Application app = new TreesApplication();
        TaskData data = app.load(app.schema().validate(Map.of("modulus", "4", "depth.max", "3", "train.size", "12",
                "validation.size", "0", "test.size", "0"), "data.").get(), 2).get();
        ModelSpec spec = new ModelSpec(family.id(), data.inputSize(), data.outputSize(), DType.F64,
                family.schema().validate(model, "model.").get());
        Network ref = family.create(spec, REFERENCE, 7);
        Network cpu = family.create(spec, CPU, 7);
        List<double[][]> a = SequenceOutputs.of(ref, REFERENCE.ops(), data.train());
        List<double[][]> b = SequenceOutputs.of(cpu, CPU.ops(), data.train());
        double worst = 0;
        for (int i = 0; i < a.size(); i++) {
            for (int t = 0; t < a.get(i).length; t++) {
                for (int o = 0; o < data.outputSize(); o++) {
                    worst = Math.max(worst, Math.abs(a.get(i)[t][o] - b.get(i)[t][o]));
                }
            }
        }
        assertTrue(worst < 1e-12, family.id() + " outputs differ by " + worst);
        Batch batch = data.train().batches(12).get(0);
        Loss loss = Losses.of(Losses.SOFTMAX_CE);
        Map<String, Tensor> ga = SequenceGradients.bptt().compute(REFERENCE.ops(), ref, ref.parameters(), batch, loss, 1L).gradients();
        Map<String, Tensor> gb = SequenceGradients.bptt().compute(CPU.ops(), cpu, cpu.parameters(), batch, loss, 1L).gradients();
        assertEquals(ga.keySet(), gb.keySet());
        for (String name : ga.keySet()) {
            double[] x = ga.get(name).toDoubleArray();
            double[] y = gb.get(name).toDoubleArray();
            for (int k = 0; k < x.length; k++) {
                assertEquals(x[k], y[k], 1e-10 * Math.max(1, Math.abs(x[k])), family.id() + " gradient of " + name + "[" + k + "]");
            }
        }
    }
}
