package io.engram.backend.cpu.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The pool runs every task exactly once, on the caller and its workers, and passes failures on. */
class ParallelTest {

    @Test
    void everyTaskRunsOnceAndTheCallerTakesPart() {
        Parallel pool = new Parallel(3);
        try {
            assertEquals(3, pool.threads());
            Set<Thread> threads = ConcurrentHashMap.newKeySet();
            for (int round = 0; round < 200; round++) {
                AtomicIntegerArray runs = new AtomicIntegerArray(37);
                pool.forEach(37, t -> {
                    runs.incrementAndGet(t);
                    threads.add(Thread.currentThread());
                });
                for (int t = 0; t < 37; t++) {
                    assertEquals(1, runs.get(t), "task " + t + " in round " + round);
                }
            }
            assertTrue(threads.contains(Thread.currentThread()), "the caller runs tasks");
            assertTrue(threads.size() <= 3, threads.toString());
        } finally {
            pool.close();
        }
    }

    @Test
    void nestedAndConcurrentCallsRunAllTheirTasks() throws InterruptedException {
        Parallel pool = new Parallel(2);
        try {
            AtomicIntegerArray runs = new AtomicIntegerArray(4 * 5);
            Runnable job = () -> pool.forEach(4, outer -> pool.forEach(5, inner -> runs.incrementAndGet(outer * 5 + inner)));
            Thread other = new Thread(job);
            other.start();
            job.run();
            other.join();
            for (int i = 0; i < 20; i++) {
                assertEquals(2, runs.get(i), "task " + i);
            }
        } finally {
            pool.close();
        }
    }

    @Test
    void aFailingTaskFailsTheCallAfterTheOthersFinish() {
        Parallel pool = new Parallel(2);
        try {
            IllegalStateException boom = new IllegalStateException("boom");
            AtomicIntegerArray runs = new AtomicIntegerArray(8);
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> pool.forEach(8, t -> {
                runs.incrementAndGet(t);
                if (t == 3) {
                    throw boom;
                }
            }));
            assertSame(boom, thrown);
            for (int t = 0; t < 8; t++) {
                assertEquals(1, runs.get(t));
            }
            AtomicIntegerArray after = new AtomicIntegerArray(4);
            pool.forEach(4, after::incrementAndGet);
            assertEquals(1, after.get(3), "the pool still works");
        } finally {
            pool.close();
        }
    }

    @Test
    void afterCloseTasksRunOnTheCaller() {
        Parallel pool = new Parallel(4);
        pool.close();
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        pool.forEach(10, t -> threads.add(Thread.currentThread()));
        assertEquals(Set.of(Thread.currentThread()), threads);
    }
}
