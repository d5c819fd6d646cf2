package io.engram.kernel.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the job manager, configuration PID {@code io.engram.kernel}. */
@ObjectClassDefinition(name = "Engram job manager", description = "Where job records live, how many jobs run "
        + "at once and wait, how many threads evaluate populations, what each record keeps and how often running "
        + "jobs write checkpoints.")
public @interface JobManagerConfiguration {

    @AttributeDefinition(name = "data.dir", description = "Directory of the job records.")
    String data_dir() default "data/jobs";

    @AttributeDefinition(name = "jobs.concurrency", description = "How many jobs run at the same time.", min = "1")
    int jobs_concurrency() default 1;

    @AttributeDefinition(name = "jobs.workers", description = "Threads on which the jobs' trainers evaluate "
            + "populations of candidates in parallel, shared by all jobs; 0: as many as the JVM has processors. "
            + "Results do not depend on it.", min = "0", max = "1024")
    int jobs_workers() default 0;

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

    @AttributeDefinition(name = "home", description = "The installation directory: relative input paths of a job "
            + "spec (such as data.file) resolve against it; empty: the parent of data.dir's parent.")
    String home() default "";

    @AttributeDefinition(name = "data.roots", description = "Comma-separated directories a job may read input "
            + "files from (symbolic links followed); relative ones resolve against home; empty: home/data and "
            + "home/examples.")
    String data_roots() default "";

    @AttributeDefinition(name = "models.dir", description = "The model store: a job's checkpoint is written "
            + "inside it (relative paths resolve against it); empty: the sibling models of data.dir.")
    String models_dir() default "";

    @AttributeDefinition(name = "jobs.memory.fraction", description = "Share of the JVM's largest heap "
            + "(-Xmx) a job's estimated memory may take; a job estimated above it is refused at validation.",
            min = "0.01", max = "1")
    double jobs_memory_fraction() default 0.8;
}
