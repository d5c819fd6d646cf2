package io.engram.kernel.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the job manager, configuration PID {@code io.engram.kernel}. */
@ObjectClassDefinition(name = "Engram job manager", description = "Where job records live and how many jobs run at once.")
public @interface JobManagerConfiguration {

    @AttributeDefinition(name = "data.dir", description = "Directory of the job records; relative checkpoint "
            + "paths resolve against its parent.")
    String data_dir() default "data/jobs";

    @AttributeDefinition(name = "jobs.concurrency", description = "How many jobs run at the same time.", min = "1")
    int jobs_concurrency() default 1;
}
