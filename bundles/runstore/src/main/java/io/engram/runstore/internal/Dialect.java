package io.engram.runstore.internal;

/**
 * What differs between the databases the run store runs on: the Flyway folder of the schema and the
 * statements that write a row or replace the one with the same key. Immutable.
 */
enum Dialect {

    H2("h2",
            "MERGE INTO job_events (job_id, seq, body) KEY (job_id, seq) VALUES (?, ?, ?)",
            "MERGE INTO job_metrics (job_id, step, epoch, split_name, metric_name, metric_value) "
                    + "KEY (job_id, step, split_name, metric_name) VALUES (?, ?, ?, ?, ?, ?)"),
    POSTGRESQL("postgresql",
            "INSERT INTO job_events (job_id, seq, body) VALUES (?, ?, ?) "
                    + "ON CONFLICT (job_id, seq) DO UPDATE SET body = EXCLUDED.body",
            "INSERT INTO job_metrics (job_id, step, epoch, split_name, metric_name, metric_value) VALUES (?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (job_id, step, split_name, metric_name) DO UPDATE SET epoch = EXCLUDED.epoch, "
                    + "metric_value = EXCLUDED.metric_value");

    final String migrations;
    final String upsertEvent;
    final String upsertMetric;

    Dialect(String migrations, String upsertEvent, String upsertMetric) {
        this.migrations = migrations;
        this.upsertEvent = upsertEvent;
        this.upsertMetric = upsertMetric;
    }

    /** The dialect of a JDBC URL; an URL of another database fails, naming it and those supported. */
    static Dialect of(String url) {
        if (url.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("url: not a database the run store runs on: " + url
                + " (jdbc:h2:... or jdbc:postgresql://HOST:PORT/DATABASE)");
    }
}
