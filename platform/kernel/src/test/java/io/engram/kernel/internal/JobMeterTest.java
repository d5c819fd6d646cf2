package io.engram.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.engram.api.TrainingEvent;
import io.engram.tensor.Tensor;
import io.engram.tensor.DType;
import io.engram.tensor.Shape;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobMeterTest {

    @Test
    void growthOnWorkerThreadsIsAddedToTheJobThreads() throws Exception {
        Fakes.MeteredBackend backend = new Fakes.MeteredBackend("metered");
        JobMeter meter = new JobMeter(backend);
        Tensor t = backend.ops().zeros(DType.F64, Shape.of(1));
        backend.ops().addScalar(t, 1);
        Thread worker = new Thread(() -> meter.add(Map.of("energy.joules", 1.5, "ops", 3.0)));
        worker.start();
        worker.join();
        meter.add(Map.of("ops", 1.0));
        assertEquals(Map.of("backend.energy.joules", 2.0, "backend.ops", 5.0), meter.sinceStart());
        TrainingEvent.EpochEnd end = (TrainingEvent.EpochEnd) meter.onEvent(
                new TrainingEvent.EpochEnd(1, 0.5, 0.6, Map.of("accuracy", 0.9)));
        assertEquals(Map.of("accuracy", 0.9, "backend.energy.joules", 2.0, "backend.ops", 5.0), end.metrics());
    }
}
