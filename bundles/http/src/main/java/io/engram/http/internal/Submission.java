package io.engram.http.internal;

import io.engram.api.Problem;
import io.engram.kernel.JobInfo;
import io.engram.kernel.JobManager;
import io.engram.kernel.JobSpecs;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Validation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * {@code POST /jobs}: reads the body (at most {@code maxBodyBytes}), parses the spec in the format
 * its media type names and submits it. Answers 201 with {@code Location}; 400 listing every
 * problem; 429 with {@code Retry-After} when the job queue is full; 503 when the job manager cannot
 * store or take jobs. Thread-safe: it holds only immutable state and thread-safe services.
 */
final class Submission {
    /** Seconds a client is asked to wait after 429, sent as {@code Retry-After}. */
    static final String RETRY_AFTER_SECONDS = "5";
    private static final String SPEC_ORIGIN = "request body";

    private final JobManager jobs;
    private final JobSpecs specs;
    private final long maxBodyBytes;

    Submission(JobManager jobs, JobSpecs specs, long maxBodyBytes) {
        this.jobs = jobs;
        this.specs = specs;
        this.maxBodyBytes = maxBodyBytes;
    }

    ApiResponse submit(ApiRequest request) {
        Either<ApiResponse, SpecBody> format = SpecBody.of(request.header("Content-Type"));
        if (format.isLeft()) {
            return format.getLeft();
        }
        Either<ApiResponse, byte[]> body;
        try {
            body = BoundedBody.read(request.body(), request.contentLength(), maxBodyBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the request body", e);
        }
        if (body.isLeft()) {
            return body.getLeft();
        }
        Validation<Seq<Problem>, JobInfo> submitted = format.get().decode(body.get())
                .flatMap(text -> text.isBlank()
                        ? Validation.<Seq<Problem>, String>invalid(List.of(Problem.of(SPEC_ORIGIN,
                                "empty: expected a job spec (model.family, data.app, ...)")))
                        : Validation.<Seq<Problem>, String>valid(text))
                .flatMap(text -> specs.parse(text, format.get().format(), SPEC_ORIGIN))
                .flatMap(jobs::submit);
        if (submitted.isInvalid()) {
            return refused(submitted.getError());
        }
        JobInfo job = submitted.get();
        return ApiResponse.of(201, Json.job(job)).withHeader("Location", "/api/jobs/" + JobResource.encode(job.id()));
    }

    /**
     * The answer to a refused submission: 503 when the job manager cannot store or take jobs now
     * ({@link JobManager#UNAVAILABLE}), 429 with {@code Retry-After} when its queue is full
     * ({@link JobManager#QUEUE_FULL}), else 400 listing every problem.
     */
    static ApiResponse refused(Seq<Problem> problems) {
        Optional<Problem> unavailable = problems.find(p -> JobManager.UNAVAILABLE.equals(p.where())).toJavaOptional();
        if (unavailable.isPresent()) {
            return ApiResponse.of(503, Json.error(unavailable.get()));
        }
        Optional<Problem> full = problems.find(p -> JobManager.QUEUE_FULL.equals(p.where())).toJavaOptional();
        if (full.isPresent()) {
            return ApiResponse.of(429, Json.error(full.get())).withHeader("Retry-After", RETRY_AFTER_SECONDS);
        }
        return ApiResponse.of(400, Json.errors(problems));
    }
}
