package io.engram.testkit;

import io.engram.api.Capability;
import io.engram.api.Schema;
import io.engram.api.Trainer;
import io.engram.api.TrainingContext;
import io.engram.api.TrainingEvent;
import io.engram.api.TrainingResult;
import io.engram.train.GradientTraining;
import io.engram.train.SequenceGradients;
import io.engram.train.TrainingSchema;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Full BPTT through the platform's gradient training loop, with an optional fault: the context it
 * trains with passes through {@code fault}, so a test can make it ignore cancellation or misnumber
 * its events. Stateless.
 */
final class PlainTrainer implements Trainer {
    private final UnaryOperator<TrainingContext> fault;

    PlainTrainer(UnaryOperator<TrainingContext> fault) {
        this.fault = fault;
    }

    PlainTrainer() {
        this(c -> c);
    }

    @Override
    public String id() {
        return "plain";
    }

    @Override
    public String description() {
        return "Full BPTT, for tests of the conformance suite.";
    }

    @Override
    public Schema schema() {
        return TrainingSchema.common();
    }

    @Override
    public Set<String> requires() {
        return Set.of(Capability.DIFFERENTIABLE);
    }

    @Override
    public TrainingResult train(TrainingContext context) {
        return GradientTraining.run(fault.apply(context), SequenceGradients.bptt());
    }

    /** A context that never reports cancellation. */
    static TrainingContext deaf(TrainingContext c) {
        return new Forwarding(c) {
            @Override
            public boolean cancelled() {
                return false;
            }
        };
    }

    /** A context that numbers epochs from 0 in its epoch events. */
    static TrainingContext fromZero(TrainingContext c) {
        return new Forwarding(c) {
            @Override
            public void emit(TrainingEvent e) {
                super.emit(e instanceof TrainingEvent.EpochEnd end ? new TrainingEvent.EpochEnd(end.epoch() - 1,
                        end.trainLoss(), end.validationLoss(), end.metrics()) : e);
            }
        };
    }

    /** Forwards every method to another context. */
    private static class Forwarding implements TrainingContext {
        private final TrainingContext c;

        Forwarding(TrainingContext c) {
            this.c = c;
        }

        @Override
        public String jobId() {
            return c.jobId();
        }

        @Override
        public io.engram.api.Network network() {
            return c.network();
        }

        @Override
        public io.engram.tensor.Backend backend() {
            return c.backend();
        }

        @Override
        public io.engram.api.Dataset train() {
            return c.train();
        }

        @Override
        public io.engram.api.Dataset validation() {
            return c.validation();
        }

        @Override
        public String loss() {
            return c.loss();
        }

        @Override
        public io.engram.api.Hyperparameters hyper() {
            return c.hyper();
        }

        @Override
        public long seed() {
            return c.seed();
        }

        @Override
        public java.util.Map<String, Double> evaluate(io.engram.api.Dataset data) {
            return c.evaluate(data);
        }

        @Override
        public void emit(TrainingEvent event) {
            c.emit(event);
        }

        @Override
        public boolean cancelled() {
            return c.cancelled();
        }

        @Override
        public io.engram.api.Loss lossFunction() {
            return c.lossFunction();
        }

        @Override
        public java.util.Optional<io.engram.api.Environment> environment() {
            return c.environment();
        }

        @Override
        public int workers() {
            return c.workers();
        }

        @Override
        public double[] populationFitness(java.util.List<java.util.Map<String, io.engram.tensor.Tensor>> candidates,
                                          long generationSeed, int episodes) {
            return c.populationFitness(candidates, generationSeed, episodes);
        }

        @Override
        public double[] populationLoss(java.util.List<java.util.Map<String, io.engram.tensor.Tensor>> candidates,
                                       io.engram.api.Dataset data, long generationSeed) {
            return c.populationLoss(candidates, data, generationSeed);
        }

        @Override
        public java.util.Optional<io.engram.api.TrainerState> resumeState() {
            return c.resumeState();
        }

        @Override
        public void checkpoint(io.engram.api.TrainerState state) {
            c.checkpoint(state);
        }
    }
}
