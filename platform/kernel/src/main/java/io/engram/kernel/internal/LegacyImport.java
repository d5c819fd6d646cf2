package io.engram.kernel.internal;

import io.engram.kernel.JobEvent;
import io.engram.kernel.JobInfo;
import io.engram.kernel.spi.RunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Brings job records written as files before the run store existed ({@link JobFiles}:
 * {@code DIR/<job-id>/job.json} and {@code events.jsonl}, or the older single {@code job.json})
 * into a run store, with their ids, their kept events and the metric series their epoch ends give.
 * A job the store already has is skipped, so running it again changes nothing; a record that cannot
 * be read is logged and skipped, the files are left as they are. Ids given afterwards number above
 * the highest one imported. The job manager runs it when it starts over a store of its own; not
 * thread-safe.
 *
 * @param imported the records written into the store
 * @param skipped  the records the store already had
 * @param failed   the records that could not be read or written, each with the reason
 */
public record LegacyImport(int imported, int skipped, List<String> failed) {

    /** Imports every record under {@code dir} into {@code store}, keeping {@code recent} progress events each. */
    public static LegacyImport run(Path dir, RunStore store, int recent) {
        if (!Files.isDirectory(dir)) {
            return new LegacyImport(0, 0, List.of());
        }
        System.Logger log = System.getLogger(LegacyImport.class.getName());
        FileRunStore files;
        try {
            files = new FileRunStore(dir, recent);
        } catch (IllegalStateException e) {
            log.log(System.Logger.Level.WARNING, "not importing the job records of " + dir + ": " + e.getMessage());
            return new LegacyImport(0, 0, List.of(dir + ": " + e.getMessage()));
        }
        int imported = 0;
        int skipped = 0;
        long highest = 0;
        java.util.List<String> failed = new java.util.ArrayList<>();
        for (JobInfo info : files.jobs(0, Integer.MAX_VALUE).items()) {
            try {
                if (store.job(info.id()).isPresent()) {
                    skipped++;
                } else {
                    List<JobEvent> events = files.files().loadEvents(info.id(), recent).all();
                    store.create(info, "", events, Metrics.of(events));
                    imported++;
                }
                highest = Math.max(highest, JobTable.number(info.id()));
            } catch (IOException | RuntimeException e) {
                failed.add(info.id() + ": " + e.getMessage());
                log.log(System.Logger.Level.WARNING, "cannot import the job record " + dir.resolve(info.id()) + ": "
                        + e.getMessage());
            }
        }
        try {
            store.reserveIds(highest);
        } catch (IOException e) {
            failed.add("ids: " + e.getMessage());
            log.log(System.Logger.Level.WARNING, "cannot reserve the imported ids: " + e.getMessage());
        }
        if (imported > 0) {
            log.log(System.Logger.Level.INFO, "imported " + imported + " job record" + (imported == 1 ? "" : "s")
                    + " from " + dir + " into " + store.location());
        }
        return new LegacyImport(imported, skipped, List.copyOf(failed));
    }
}
