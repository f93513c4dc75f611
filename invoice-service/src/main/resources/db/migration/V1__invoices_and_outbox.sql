-- Invoices: version is the optimistic-lock column and the invoiceVersion of every event.
CREATE TABLE invoice (
    id          uuid PRIMARY KEY,
    customer_id uuid        NOT NULL,
    amount_minor bigint     NOT NULL CHECK (amount_minor BETWEEN 1 AND 10000000000000),
    currency    char(3)     NOT NULL,
    status      text        NOT NULL CHECK (status IN ('PENDING', 'PAID')),
    issue_date  date        NOT NULL,
    paid_at     timestamptz,
    version     bigint      NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    CHECK ((status = 'PAID') = (paid_at IS NOT NULL))
);

-- Newest first listing, optionally by customer.
CREATE INDEX invoice_created_idx ON invoice (created_at DESC, id DESC);
CREATE INDEX invoice_customer_created_idx ON invoice (customer_id, created_at DESC, id DESC);

-- Idempotency-Key of a creation: outlives the invoice so a replay after deletion never creates a second one.
CREATE TABLE idempotency_key (
    key          text PRIMARY KEY,
    invoice_id   uuid        NOT NULL,
    request_hash text        NOT NULL,
    created_at   timestamptz NOT NULL
);

-- Transactional outbox: ready-to-send bytes; the relay deletes a row once Kafka acknowledged it.
CREATE TABLE outbox (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    record_key      text        NOT NULL,
    event_id        uuid        NOT NULL,
    event_type      text        NOT NULL,
    invoice_version bigint      NOT NULL,
    payload         bytea       NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT clock_timestamp()
);

-- Wake the relay from the writing transaction: NOTIFY is delivered on commit, never on rollback.
CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('outbox', '');
    RETURN NULL;
END;
$$;

CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();
