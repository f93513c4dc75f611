-- The last state of every deleted invoice, written in the transaction that deleted it. Operators' reconciliation
-- digest lists deleted invoices with the version of their InvoiceDeleted event (so a consumer that missed the
-- deletion shows up as drift), and a lost InvoiceDeleted event can be published again from it. Its primary key
-- serves the digest's pages (keyset by id), like the invoice table's.
CREATE TABLE deleted_invoice (
    id           uuid PRIMARY KEY,
    customer_id  uuid        NOT NULL,
    amount_minor bigint      NOT NULL,
    currency     char(3)     NOT NULL,
    status       text        NOT NULL,
    issue_date   date        NOT NULL,
    paid_at      timestamptz,
    -- the version of the InvoiceDeleted event: the invoice's last version + 1
    version      bigint      NOT NULL,
    created_at   timestamptz NOT NULL,
    deleted_at   timestamptz NOT NULL,
    -- the audit of the deletion (see V2): who created the invoice, who deleted it
    created_by   text,
    deleted_by   text
);
