-- Totals the summary reads, kept in the projection transaction with the same deltas as the buckets, so that
-- GET /api/revenue/summary costs O(currencies) instead of a scan of every customer bucket.

-- Per customer, the number of non-deleted invoices over all currencies: its row lock serialises the transactions that
-- change one customer, so each of them sees whether the customer starts or stops counting.
CREATE TABLE invoices_by_customer (
    customer_id   uuid   PRIMARY KEY,
    invoice_count bigint NOT NULL DEFAULT 0
);

-- Totals per currency, split into slots: a projection transaction adds to the slot of the lowest topic partition it
-- read, so the consumers (disjoint partitions) never wait for each other's totals rows. Readers add up the slots.
CREATE TABLE revenue_by_currency (
    currency        varchar(3) NOT NULL,
    slot            int        NOT NULL,
    invoiced_minor  bigint     NOT NULL DEFAULT 0,
    collected_minor bigint     NOT NULL DEFAULT 0,
    pending_minor   bigint     NOT NULL DEFAULT 0,
    invoice_count   bigint     NOT NULL DEFAULT 0,
    PRIMARY KEY (currency, slot)
);

-- The number of customers with at least one non-deleted invoice, split into the same slots.
CREATE TABLE customer_count (
    slot      int    PRIMARY KEY,
    customers bigint NOT NULL DEFAULT 0
);

-- The figures projected so far, into slot 0.
INSERT INTO invoices_by_customer (customer_id, invoice_count)
SELECT customer_id, sum(invoice_count) FROM revenue_by_customer GROUP BY customer_id;

INSERT INTO revenue_by_currency (currency, slot, invoiced_minor, collected_minor, pending_minor, invoice_count)
SELECT currency, 0, sum(invoiced_minor), sum(collected_minor), sum(pending_minor), sum(invoice_count)
FROM revenue_by_customer GROUP BY currency;

INSERT INTO customer_count (slot, customers)
SELECT 0, count(*) FROM invoices_by_customer WHERE invoice_count <> 0;
