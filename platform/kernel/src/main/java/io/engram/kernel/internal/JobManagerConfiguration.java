package io.engram.kernel.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the job manager, configuration PID {@code io.engram.kernel}. */
@ObjectClassDefinition(name = "Engram job manager", description = "Where job records live and how many jobs run at once.")
public @interface JobManagerConfiguration {

    @AttributeDefinition(name = "data.dir", description = "Directory of the job records.")
    String data_dir() default "data/jobs";

    @AttributeDefinition(name = "jobs.concurrency", description = "How many jobs run at the same time.", min = "1")
    int jobs_concurrency() default 1;

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
