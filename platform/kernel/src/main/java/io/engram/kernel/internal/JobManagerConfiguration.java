package io.engram.kernel.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the job manager, configuration PID {@code io.engram.kernel}. */
@ObjectClassDefinition(name = "Engram job manager", description = "Where job records live, how many jobs run "
        + "at once and wait, what each record keeps and how often running jobs write checkpoints.")
public @interface JobManagerConfiguration {

    @AttributeDefinition(name = "data.dir", description = "Directory of the job records; relative checkpoint "
            + "paths resolve against its parent.")
    String data_dir() default "data/jobs";

    @AttributeDefinition(name = "jobs.concurrency", description = "How many jobs run at the same time.", min = "1")
    int jobs_concurrency() default 1;

    @AttributeDefinition(name = "jobs.queue.capacity", description = "How many jobs may wait to run; a submission "
            + "beyond it is refused as the queue being full.", min = "1")
    int jobs_queue_capacity() default 64;

    @AttributeDefinition(name = "jobs.events.recent", description = "How many of a job's most recent progress "
            + "events its record keeps; every other event is kept.", min = "0")
    int jobs_events_recent() default 1000;

    @AttributeDefinition(name = "checkpoint.every.epochs", description = "A running job writes a checkpoint "
            + "every this many epochs; 0: never by epochs.", min = "0")
    int checkpoint_every_epochs() default 0;

    @AttributeDefinition(name = "checkpoint.every.minutes", description = "A running job writes a checkpoint at "
            + "the first epoch end after this many minutes since its start or its last checkpoint; 0: never by "
            + "time.", min = "0")
    int checkpoint_every_minutes() default 5;
}
