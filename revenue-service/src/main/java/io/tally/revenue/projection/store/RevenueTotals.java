package io.tally.revenue.projection.store;

import java.util.SortedMap;
import java.util.UUID;

import io.tally.revenue.rules.BucketDeltas;
import io.tally.revenue.rules.Figures;

import org.springframework.stereotype.Repository;

/**
 * The totals per currency and the number of customers with invoices, changed by the same
 * deltas as the buckets in the same transaction: what the summary reads, one row per
 * currency and slot instead of every customer bucket.
 */
@Repository
class RevenueTotals {

	/**
	 * Adds the deltas to the totals of {@code slot}. Written after the buckets, each
	 * table in key order, so concurrent writers lock rows in the same order; the slot
	 * rows are the last rows a transaction locks, which keeps them locked for the
	 * shortest time.
	 */
	void add(BucketDeltas deltas, int slot, Pipeline pipeline) {
		addInvoiceCounts(deltas.invoiceCounts(), slot, pipeline);
		addCurrencies(deltas.currency(), slot, pipeline);
	}

	/**
	 * Adds each customer's change in invoice count, and to the slot's customer count how
	 * many customers started (+1) or stopped (-1) having invoices. The row lock of the
	 * upsert makes the count before it (after minus delta) exact even when another
	 * consumer changes the same customer.
	 */
	private void addInvoiceCounts(SortedMap<UUID, Long> counts, int slot, Pipeline pipeline) {
		if (counts.isEmpty()) {
			return;
		}
		UUID[] customers = counts.keySet().toArray(UUID[]::new);
		Long[] deltas = counts.values().toArray(Long[]::new);
		pipeline.add("""
				WITH delta AS (
				  SELECT * FROM unnest(?::uuid[], ?::bigint[]) AS d(customer_id, invoices)
				), counted AS (
				  INSERT INTO invoices_by_customer AS c (customer_id, invoice_count)
				  SELECT customer_id, invoices FROM delta ORDER BY customer_id
				  ON CONFLICT (customer_id) DO UPDATE SET invoice_count = c.invoice_count + excluded.invoice_count
				  RETURNING customer_id, invoice_count
				), changed AS (
				  SELECT sum(CASE WHEN counted.invoice_count <> 0 AND counted.invoice_count = delta.invoices THEN 1
				                  WHEN counted.invoice_count = 0 AND delta.invoices <> 0 THEN -1
				                  ELSE 0 END) AS customers
				  FROM counted JOIN delta USING (customer_id)
				)
				INSERT INTO customer_count AS cc (slot, customers)
				SELECT ?, customers FROM changed WHERE customers <> 0
				ON CONFLICT (slot) DO UPDATE SET customers = cc.customers + excluded.customers""",
				(p) -> p.array("uuid", customers).array("int8", deltas).integer(slot));
	}

	private void addCurrencies(SortedMap<String, Figures> currencies, int slot, Pipeline pipeline) {
		if (currencies.isEmpty()) {
			return;
		}
		int n = currencies.size();
		String[] codes = currencies.keySet().toArray(String[]::new);
		Long[][] figures = RevenueBuckets.figureArrays(currencies, n);
		pipeline.add("""
				INSERT INTO revenue_by_currency AS t
				  (currency, slot, invoiced_minor, collected_minor, pending_minor, invoice_count)
				SELECT u.currency, ?, u.invoiced, u.collected, u.pending, u.invoices
				FROM unnest(?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[])
				  AS u(currency, invoiced, collected, pending, invoices)
				ON CONFLICT (currency, slot) DO UPDATE SET
				  invoiced_minor = t.invoiced_minor + excluded.invoiced_minor,
				  collected_minor = t.collected_minor + excluded.collected_minor,
				  pending_minor = t.pending_minor + excluded.pending_minor,
				  invoice_count = t.invoice_count + excluded.invoice_count""",
				(p) -> p.integer(slot)
					.array("text", codes)
					.array("int8", figures[0])
					.array("int8", figures[1])
					.array("int8", figures[2])
					.array("int8", figures[3]));
	}

}
