package io.engram.kernel.internal;

import io.engram.kernel.JobEvent;
import io.engram.kernel.JobInfo;
import io.engram.train.DurableFiles;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Job records on disk: one directory per job under the data directory, holding {@value #RECORD},
 * the job's small info, replaced whole on each change ({@link DurableFiles#write}), and
 * {@value #EVENTS}, its event log, one event per line, appended and forced
 * ({@link DurableFiles#append}). A line torn by a crash in the middle of an append is skipped with a
 * warning when read. Records of the older single-file format (the events inside {@value #RECORD})
 * are still read. Callers serialise writes of the same job; different jobs may be written
 * concurrently; reads are safe at any time.
 */
public final class JobFiles {

    static final String RECORD = "job.json";
    static final String EVENTS = "events.jsonl";

    private final Path dir;
    private final System.Logger log = System.getLogger(JobFiles.class.getName());

    public JobFiles(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    Path infoFile(String id) {
        return dir.resolve(id).resolve(RECORD);
    }

    Path eventsFile(String id) {
        return dir.resolve(id).resolve(EVENTS);
    }

    /** Replaces the job's info. */
    public void saveInfo(JobInfo info) throws IOException {
        DurableFiles.write(infoFile(info.id()), JobCodec.writeInfo(info, EVENTS));
    }

    /** Appends {@code events} to the job's event log, forced before it returns. */
    public void append(String id, List<JobEvent> events) throws IOException {
        if (events.isEmpty()) {
            return;
        }
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        for (JobEvent e : events) {
            lines.write(JobCodec.line(e));
        }
        Files.createDirectories(dir.resolve(id));
        DurableFiles.append(eventsFile(id), lines.toByteArray());
    }

    /** Removes what {@link #saveInfo} and {@link #append} wrote for a job that was never accepted. */
    void forget(String id) {
        try {
            if (Files.isDirectory(dir.resolve(id))) {
                Files.deleteIfExists(eventsFile(id));
                Files.deleteIfExists(infoFile(id));
                Files.deleteIfExists(dir.resolve(id));
            }
        } catch (IOException e) {
            log.log(System.Logger.Level.WARNING, "cannot remove the refused job's " + dir.resolve(id) + ": " + e);
        }
    }

    /** The info of every readable record, its events left on disk; unreadable ones are logged and skipped. */
    public List<JobInfo> loadInfos() throws IOException {
        List<JobInfo> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> jobs = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path jobDir : jobs) {
                Path file = jobDir.resolve(RECORD);
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                try (InputStream in = Files.newInputStream(file)) {
                    out.add(JobCodec.readInfo(in));
                } catch (IOException | RuntimeException e) {
                    log.log(System.Logger.Level.WARNING, "skipping unreadable job record " + file + ": " + e.getMessage());
                }
            }
        }
        return out;
    }

    /**
     * The job's events as its record keeps them ({@link EventLog}, {@code recent} progress events at
     * most), from its event log, or from an old single-file record.
     */
    EventLog loadEvents(String id, int recent) throws IOException {
        EventLog events = new EventLog(recent);
        List<JobEvent> read = new ArrayList<>();
        Path file = eventsFile(id);
        if (Files.isRegularFile(file)) {
            readLog(id, file, read::add);
        } else if (Files.isRegularFile(infoFile(id))) {
            try (InputStream in = Files.newInputStream(infoFile(id))) {
                JobCodec.readEvents(in, events::add);
            }
            return events;
        }
        return EventLog.of(recent, read);
    }

    private void readLog(String id, Path file, java.util.function.Consumer<JobEvent> sink) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    sink.accept(JobCodec.readLine(id, line));
                } catch (IOException | RuntimeException e) {
                    log.log(System.Logger.Level.WARNING, "skipping unreadable line " + number + " of " + file
                            + " (torn by a crash while it was written?): " + e.getMessage());
                }
            }
        }
    }

    /**
     * Makes the job's event log ready for more lines: a last line left without its newline by a crash
     * is ended, so the next event starts a line of its own; an old single-file record gets an event
     * log holding its kept events.
     */
    void reopen(String id, EventLog kept) throws IOException {
        Path file = eventsFile(id);
        if (!Files.isRegularFile(file)) {
            append(id, kept.all());
            return;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() == 0) {
                return;
            }
            java.nio.ByteBuffer last = java.nio.ByteBuffer.allocate(1);
            ch.read(last, ch.size() - 1);
            if (last.get(0) == '\n') {
                return;
            }
        }
        DurableFiles.append(file, new byte[] {'\n'});
    }
}
