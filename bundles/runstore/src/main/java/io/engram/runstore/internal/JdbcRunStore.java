package io.engram.runstore.internal;

import io.engram.kernel.JobEvent;
import io.engram.kernel.JobInfo;
import io.engram.kernel.MetricPoint;
import io.engram.kernel.Page;
import io.engram.kernel.spi.RecordJson;
import io.engram.kernel.spi.RunStore;
import io.engram.kernel.spi.StoredJob;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The run store in a SQL database (schema: {@link Schema}): table {@code jobs} holds each job's info as
 * JSON ({@link RecordJson}) beside the columns it is listed by, {@code job_events} its kept events, one
 * row each, and {@code job_metrics} its metric series, one row per step, split and name. Ids count up
 * in the row {@code job} of {@code engram_ids}, changed and read in one transaction, so processes
 * sharing the database never get the same one. Every call takes a connection of its own from the data
 * source and writes in one transaction; a failure rolls it back and throws an {@link IOException}
 * naming the store and the database's reason. Thread-safe.
 */
final class JdbcRunStore implements RunStore {

    private static final Pattern ID = Pattern.compile("job-(\\d+)");

    private final DataSource ds;
    private final Dialect dialect;
    private final String location;

    JdbcRunStore(DataSource ds, Dialect dialect, String location) {
        this.ds = ds;
        this.dialect = dialect;
        this.location = location;
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException, IOException;
    }

    /** Runs {@code work} in one transaction; {@code what} names it in the error. */
    private <T> T tx(String what, Work<T> work) throws IOException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                T out = work.run(c);
                c.commit();
                return out;
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IOException(what + " in the run store " + location + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public String nextId() throws IOException {
        long n = tx("cannot write the next job id", c -> {
            try (PreparedStatement up = c.prepareStatement(
                    "UPDATE engram_ids SET last_value = last_value + 1 WHERE id_name = 'job'")) {
                up.executeUpdate();
            }
            try (PreparedStatement q = c.prepareStatement("SELECT last_value FROM engram_ids WHERE id_name = 'job'");
                 ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
        return String.format("job-%06d", n);
    }

    @Override
    public void reserveIds(long number) throws IOException {
        tx("cannot write the job ids", c -> {
            try (PreparedStatement up = c.prepareStatement(
                    "UPDATE engram_ids SET last_value = ? WHERE id_name = 'job' AND last_value < ?")) {
                up.setLong(1, number);
                up.setLong(2, number);
                return up.executeUpdate();
            }
        });
    }

    @Override
    public void create(JobInfo info, String owner, List<JobEvent> events, List<MetricPoint> metrics) throws IOException {
        String json = RecordJson.info(info);
        List<String> bodies = bodies(events);
        tx("cannot write " + info.id(), c -> {
            try (PreparedStatement in = c.prepareStatement("INSERT INTO jobs (id, job_number, job_name, state, "
                    + "submitted_at, owner, info) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                in.setString(1, info.id());
                in.setLong(2, number(info.id()));
                in.setString(3, info.name());
                in.setString(4, info.state().name());
                in.setString(5, info.submittedAt());
                in.setString(6, owner);
                in.setString(7, json);
                in.executeUpdate();
            }
            writeEvents(c, info.id(), events, bodies);
            writeMetrics(c, info.id(), metrics);
            return null;
        });
    }

    @Override
    public void save(JobInfo info) throws IOException {
        String json = RecordJson.info(info);
        tx("cannot write " + info.id(), c -> {
            try (PreparedStatement up = c.prepareStatement("UPDATE jobs SET job_name = ?, state = ?, info = ? WHERE id = ?")) {
                up.setString(1, info.name());
                up.setString(2, info.state().name());
                up.setString(3, json);
                up.setString(4, info.id());
                if (up.executeUpdate() != 1) {
                    throw new IOException("cannot write " + info.id() + " in the run store " + location
                            + ": no such job");
                }
            }
            return null;
        });
    }

    @Override
    public void append(String jobId, List<JobEvent> events) throws IOException {
        if (events.isEmpty()) {
            return;
        }
        List<String> bodies = bodies(events);
        tx("cannot write the events of " + jobId, c -> {
            writeEvents(c, jobId, events, bodies);
            return null;
        });
    }

    @Override
    public void appendMetrics(String jobId, List<MetricPoint> points) throws IOException {
        if (points.isEmpty()) {
            return;
        }
        tx("cannot write the metrics of " + jobId, c -> {
            writeMetrics(c, jobId, points);
            return null;
        });
    }

    private static List<String> bodies(List<JobEvent> events) throws IOException {
        List<String> out = new ArrayList<>(events.size());
        for (JobEvent e : events) {
            out.add(RecordJson.event(e));
        }
        return out;
    }

    private void writeEvents(Connection c, String jobId, List<JobEvent> events, List<String> bodies) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement in = c.prepareStatement(dialect.upsertEvent)) {
            for (int i = 0; i < events.size(); i++) {
                in.setString(1, jobId);
                in.setLong(2, events.get(i).seq());
                in.setString(3, bodies.get(i));
                in.addBatch();
            }
            in.executeBatch();
        }
    }

    private void writeMetrics(Connection c, String jobId, List<MetricPoint> points) throws SQLException {
        if (points.isEmpty()) {
            return;
        }
        try (PreparedStatement in = c.prepareStatement(dialect.upsertMetric)) {
            for (MetricPoint p : points) {
                in.setString(1, jobId);
                in.setLong(2, p.step());
                in.setInt(3, p.epoch());
                in.setString(4, p.split());
                in.setString(5, p.name());
                in.setDouble(6, p.value());
                in.addBatch();
            }
            in.executeBatch();
        }
    }

    @Override
    public void delete(String jobId) throws IOException {
        tx("cannot remove " + jobId, c -> {
            for (String table : List.of("job_metrics", "job_events")) {
                try (PreparedStatement del = c.prepareStatement("DELETE FROM " + table + " WHERE job_id = ?")) {
                    del.setString(1, jobId);
                    del.executeUpdate();
                }
            }
            try (PreparedStatement del = c.prepareStatement("DELETE FROM jobs WHERE id = ?")) {
                del.setString(1, jobId);
                return del.executeUpdate();
            }
        });
    }

    @Override
    public Optional<JobInfo> job(String id) throws IOException {
        return tx("cannot read " + id, c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT info FROM jobs WHERE id = ?")) {
                q.setString(1, id);
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next() ? Optional.of(RecordJson.info(rs.getString(1))) : Optional.<JobInfo>empty();
                }
            }
        });
    }

    @Override
    public Page<JobInfo> jobs(int offset, int limit) throws IOException {
        int from = Math.max(0, offset);
        int size = Math.max(0, limit);
        return tx("cannot read the job list", c -> {
            long total;
            try (PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM jobs"); ResultSet rs = q.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
            List<JobInfo> items = new ArrayList<>();
            if (size > 0 && from < total) {
                try (PreparedStatement q = c.prepareStatement(
                        "SELECT info FROM jobs ORDER BY job_number DESC, id DESC LIMIT ? OFFSET ?")) {
                    q.setInt(1, size);
                    q.setInt(2, from);
                    try (ResultSet rs = q.executeQuery()) {
                        while (rs.next()) {
                            items.add(RecordJson.info(rs.getString(1)));
                        }
                    }
                }
            }
            return new Page<>(items, from, size, total);
        });
    }

    @Override
    public List<StoredJob> unfinished() throws IOException {
        return tx("cannot read the unfinished jobs", c -> {
            List<StoredJob> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT info, owner FROM jobs WHERE state IN "
                    + "('QUEUED', 'RUNNING') ORDER BY job_number, id"); ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredJob(RecordJson.info(rs.getString(1)), rs.getString(2)));
                }
            }
            return out;
        });
    }

    @Override
    public boolean claim(String jobId, String from, String to) throws IOException {
        return tx("cannot take over " + jobId, c -> {
            try (PreparedStatement up = c.prepareStatement("UPDATE jobs SET owner = ? WHERE id = ? AND owner = ? "
                    + "AND state IN ('QUEUED', 'RUNNING')")) {
                up.setString(1, to);
                up.setString(2, jobId);
                up.setString(3, from);
                return up.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<JobEvent> events(String jobId, long after, int limit) throws IOException {
        int size = Math.max(0, limit);
        if (size == 0) {
            return List.of();
        }
        return tx("cannot read the events of " + jobId, c -> {
            List<JobEvent> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT body FROM job_events WHERE job_id = ? AND seq > ? ORDER BY seq LIMIT ?")) {
                q.setString(1, jobId);
                q.setLong(2, after);
                q.setInt(3, size);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(RecordJson.event(jobId, rs.getString(1)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public List<MetricPoint> metrics(String jobId) throws IOException {
        return tx("cannot read the metrics of " + jobId, c -> {
            List<MetricPoint> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT step, epoch, split_name, metric_name, metric_value "
                    + "FROM job_metrics WHERE job_id = ? ORDER BY step, split_name, metric_name")) {
                q.setString(1, jobId);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(new MetricPoint(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                                rs.getDouble(5)));
                    }
                }
            }
            return out;
        });
    }

    private static long number(String id) {
        Matcher m = ID.matcher(id);
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }
}
