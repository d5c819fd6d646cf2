package io.engram.kernel.internal;

import io.engram.kernel.JobEvent;
import io.engram.kernel.JobInfo;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Job records on disk: one directory per job under the data directory, holding {@code job.json}
 * ({@link JobCodec}). Each write goes to a temporary file in the same directory that is then
 * renamed over the record, so a reader (or a crash) sees the old record or the new one, never a
 * mix. Callers serialise writes of the same job; different jobs may be written concurrently.
 */
public final class JobFiles {

    static final String RECORD = "job.json";

    private final Path dir;
    private final System.Logger log = System.getLogger(JobFiles.class.getName());

    public JobFiles(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public void save(JobInfo info, List<JobEvent> events) throws IOException {
        Path jobDir = dir.resolve(info.id());
        Files.createDirectories(jobDir);
        Path target = jobDir.resolve(RECORD);
        Path temp = Files.createTempFile(jobDir, RECORD + ".", ".tmp");
        try {
            Files.write(temp, JobCodec.write(info, events));
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Every readable record; unreadable ones are logged and skipped. */
    public List<JobCodec.Stored> loadAll() throws IOException {
        List<JobCodec.Stored> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> jobs = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path jobDir : jobs) {
                Path file = jobDir.resolve(RECORD);
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                try {
                    out.add(JobCodec.read(Files.readAllBytes(file)));
                } catch (IOException | RuntimeException e) {
                    log.log(System.Logger.Level.WARNING, "skipping unreadable job record " + file + ": " + e.getMessage());
                }
            }
        }
        return out;
    }
}
