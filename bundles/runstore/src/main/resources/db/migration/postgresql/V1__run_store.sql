-- The run store: job records, their kept events and their metric series (PostgreSQL).
CREATE TABLE engram_ids (
    id_name VARCHAR(32) PRIMARY KEY,
    last_value BIGINT NOT NULL
);
INSERT INTO engram_ids (id_name, last_value) VALUES ('job', 0);

CREATE TABLE jobs (
    id VARCHAR(64) PRIMARY KEY,
    job_number BIGINT NOT NULL,
    job_name VARCHAR(1000) NOT NULL,
    state VARCHAR(16) NOT NULL,
    submitted_at VARCHAR(40) NOT NULL,
    owner VARCHAR(500) NOT NULL,
    info TEXT NOT NULL
);
CREATE INDEX jobs_newest ON jobs (job_number DESC, id DESC);
CREATE INDEX jobs_state ON jobs (state);

CREATE TABLE job_events (
    job_id VARCHAR(64) NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (job_id, seq)
);

CREATE TABLE job_metrics (
    job_id VARCHAR(64) NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    step BIGINT NOT NULL,
    epoch INTEGER NOT NULL,
    split_name VARCHAR(16) NOT NULL,
    metric_name VARCHAR(200) NOT NULL,
    metric_value DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (job_id, step, split_name, metric_name)
);
