-- Where a set of projection tables stands in the topic: per partition, the offset after the last record applied to
-- it, written in the same transaction as the effect. Part of the projection's table set (ProjectionTables), so the
-- shadow tables of a rebuild carry their own positions and the switch compares the two sets exactly.
CREATE TABLE projection_offsets (
    topic       text   NOT NULL,
    partition   int    NOT NULL,
    next_offset bigint NOT NULL,
    PRIMARY KEY (topic, partition)
);

-- Rebuilds fill tables of the same shape in this schema and move them into place in one transaction. Created here,
-- by the migration, so the service needs no CREATE right on the database at run time.
CREATE SCHEMA projection_shadow;
-- The schema owner creates, grants and swaps the shadow tables (SchemaOwner); the service's role writes their rows
-- with the grants copied from the live tables, and needs to reach the schema for that. Nobody else may connect.
GRANT USAGE ON SCHEMA projection_shadow TO PUBLIC;

-- One row per rebuild (POST /api/ops/projection/rebuild); the running one survives restarts of the service.
CREATE TABLE projection_rebuild (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    state              text        NOT NULL CHECK (state IN ('RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    consumer_group     text        NOT NULL,
    requested_at       timestamptz NOT NULL,
    started_at         timestamptz,
    finished_at        timestamptz,
    -- the instance working on it: every write of the runner checks it (a runner that lost its lock is fenced off)
    owner              text,
    -- the live tables' definition the shadow tables were copied from; a migration in between restarts the rebuild
    shadow_fingerprint text,
    records_applied    bigint      NOT NULL DEFAULT 0,
    records_skipped    bigint      NOT NULL DEFAULT 0,
    switch_attempts    int         NOT NULL DEFAULT 0,
    detail             text
);

-- At most one rebuild runs: a second request is refused by this index (409), on any instance.
CREATE UNIQUE INDEX projection_rebuild_one_running ON projection_rebuild ((true)) WHERE state = 'RUNNING';

-- Reports of the continuous reconciliation against invoice-service, newest last; old ones are pruned.
CREATE TABLE reconciliation_run (
    id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    started_at             timestamptz NOT NULL,
    finished_at            timestamptz NOT NULL,
    outcome                text        NOT NULL CHECK (outcome IN ('CLEAN', 'DRIFT', 'FAILED')),
    invoices_checked       bigint      NOT NULL,
    drift_count            bigint      NOT NULL,
    consecutive_drift_runs int         NOT NULL,
    -- the first drifting invoices (bounded), as a JSON array of {invoiceId, kind, revenueVersion, invoiceVersion}
    drifting               jsonb       NOT NULL,
    detail                 text
);
