-- Per-invoice state: the version guard of the idempotent projection. version 0 is a short-lived placeholder
-- (inserted and overwritten in the same transaction) so that new invoices are row-locked like known ones.
CREATE TABLE invoice_state (
    invoice_id    uuid PRIMARY KEY,
    version       bigint      NOT NULL,
    customer_id   uuid,
    currency      varchar(3),
    amount_minor  bigint,
    status        varchar(10),
    issue_month   date,
    paid_month    date,
    deleted       boolean     NOT NULL,
    last_event_id uuid,
    occurred_at   timestamptz,
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- lastEventAt of the summary
CREATE INDEX invoice_state_occurred_at ON invoice_state (occurred_at);

-- Revenue by month (first day of the month, UTC) and currency.
CREATE TABLE revenue_by_month (
    month           date       NOT NULL,
    currency        varchar(3) NOT NULL,
    invoiced_minor  bigint     NOT NULL DEFAULT 0,
    collected_minor bigint     NOT NULL DEFAULT 0,
    pending_minor   bigint     NOT NULL DEFAULT 0,
    PRIMARY KEY (month, currency)
);

-- Revenue by customer and currency.
CREATE TABLE revenue_by_customer (
    customer_id     uuid       NOT NULL,
    currency        varchar(3) NOT NULL,
    invoiced_minor  bigint     NOT NULL DEFAULT 0,
    collected_minor bigint     NOT NULL DEFAULT 0,
    pending_minor   bigint     NOT NULL DEFAULT 0,
    invoice_count   bigint     NOT NULL DEFAULT 0,
    PRIMARY KEY (customer_id, currency)
);
