package io.engram.kernel;

import io.engram.api.TrainingEvent;

/**
 * An event of a job: either a state change ({@code event} null) or a trainer's
 * {@link TrainingEvent}.
 *
 * @param jobId  the job
 * @param seq    position in the job's event stream, from 0; a number names one event for good, and
 *               the numbers of the events a record keeps have gaps where progress events were
 *               dropped from it
 * @param time   ISO-8601 instant
 * @param state  the job's state when the event was recorded
 * @param event  the trainer's event, or null for a state change
 */
public record JobEvent(String jobId, long seq, String time, JobState state, TrainingEvent event) {
}
