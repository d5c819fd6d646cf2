package io.engram.kernel.spi;

import io.engram.kernel.JobEvent;
import io.engram.kernel.JobInfo;
import io.engram.kernel.internal.JobCodec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The JSON forms of a job's info and of one event, the same the kernel's files use, so that every
 * run store writes records that read back alike. Stateless and thread-safe.
 */
public final class RecordJson {

    private RecordJson() {
    }

    /** A job's info as one JSON object. */
    public static String info(JobInfo info) throws IOException {
        return new String(JobCodec.writeInfo(info, ""), StandardCharsets.UTF_8);
    }

    /** Reads what {@link #info(JobInfo)} wrote; a malformed text fails naming what is wrong. */
    public static JobInfo info(String json) throws IOException {
        return JobCodec.readInfo(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** One event as one line of JSON, without its job id and newline. */
    public static String event(JobEvent event) throws IOException {
        return new String(JobCodec.line(event), StandardCharsets.UTF_8).stripTrailing();
    }

    /** Reads what {@link #event(JobEvent)} wrote as an event of {@code jobId}. */
    public static JobEvent event(String jobId, String json) throws IOException {
        return JobCodec.readLine(jobId, json);
    }
}
