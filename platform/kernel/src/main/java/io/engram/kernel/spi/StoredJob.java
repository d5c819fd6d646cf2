package io.engram.kernel.spi;

import io.engram.kernel.JobInfo;
import java.util.Objects;

/**
 * A job's record as a run store holds it, with the process that owns it.
 *
 * @param info  the job's latest info
 * @param owner the process that runs or queued the job ({@code host/pid/start}, see {@link RunStore#claim}); empty
 *              for a record that no process owns, such as one imported from files
 */
public record StoredJob(JobInfo info, String owner) {

    public StoredJob {
        Objects.requireNonNull(info, "info");
        owner = owner == null ? "" : owner;
    }
}
