-- The index of records in the dead-letter topic (revenue-service's group revenue-dead-letters fills it): where each
-- record is, what it was and why it failed, and what an operator did about it. The payload stays on the topic; the
-- topic's retention must therefore outlive the index entries (infinite by default, see docs/events.md).
CREATE TABLE dead_letter (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dlt_topic             varchar(249) NOT NULL,
    dlt_partition         integer      NOT NULL,
    dlt_offset            bigint       NOT NULL,
    dlt_timestamp         timestamptz,
    record_key            text,
    -- the key when it is a UUID, else the decoded event's invoiceId when that is one
    invoice_id            uuid,
    event_id              text,
    event_type            varchar(100),
    invoice_version       bigint,
    value_size            integer,
    original_topic        varchar(249),
    original_partition    integer,
    original_offset       bigint,
    original_timestamp    timestamptz,
    exception_class       text,
    exception_message     text,
    -- the innermost cause ("Caused by:") of the stack trace header: the failure that started it all
    root_cause_class      text,
    root_cause_message    text,
    first_seen_at         timestamptz  NOT NULL DEFAULT now(),
    status                varchar(10)  NOT NULL DEFAULT 'PENDING'
                                       CHECK (status IN ('PENDING', 'REDRIVEN', 'DISCARDED')),
    redrive_count         integer      NOT NULL DEFAULT 0,
    -- where the last re-drive put the record, e.g. invoice-events-3@1042
    redriven_to           text,
    action_by             text,
    action_at             timestamptz,
    action_reason         text,
    CONSTRAINT dead_letter_position UNIQUE (dlt_topic, dlt_partition, dlt_offset)
);

-- the pending gauge and the default listing
CREATE INDEX dead_letter_pending ON dead_letter (id) WHERE status = 'PENDING';
CREATE INDEX dead_letter_invoice ON dead_letter (invoice_id);
