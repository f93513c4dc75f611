package io.tally.revenue.projection.store;

import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.UUID;

import io.tally.revenue.rules.BucketDeltas;
import io.tally.revenue.rules.Figures;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The totals per currency and the number of customers with invoices, changed by the same
 * deltas as the buckets in the same transaction: what the summary reads, one row per
 * currency and slot instead of every customer bucket.
 */
@Repository
class RevenueTotals {

	private final JdbcTemplate jdbc;

	RevenueTotals(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Adds the deltas to the totals of {@code slot}. Written after the buckets, each
	 * table in key order, so concurrent writers lock rows in the same order; the slot
	 * rows are the last rows a transaction locks, which keeps them locked for the
	 * shortest time.
	 */
	void add(BucketDeltas deltas, int slot) {
		long customers = addInvoiceCounts(deltas.invoiceCounts());
		addCurrencies(deltas.currency(), slot);
		if (customers != 0) {
			this.jdbc.update("""
					INSERT INTO customer_count AS c (slot, customers) VALUES (?, ?)
					ON CONFLICT (slot) DO UPDATE SET customers = c.customers + excluded.customers""", slot, customers);
		}
	}

	/**
	 * Adds each customer's change in invoice count and returns how many customers started
	 * (+1) or stopped (-1) having invoices. The row lock of the upsert makes the count
	 * before it exact even when another consumer changes the same customer.
	 */
	private long addInvoiceCounts(SortedMap<UUID, Long> counts) {
		if (counts.isEmpty()) {
			return 0;
		}
		UUID[] customers = counts.keySet().toArray(UUID[]::new);
		Long[] deltas = counts.values().toArray(Long[]::new);
		Map<UUID, Long> after = new HashMap<>();
		this.jdbc.query("""
				INSERT INTO invoices_by_customer AS c (customer_id, invoice_count)
				SELECT * FROM unnest(?::uuid[], ?::bigint[])
				ON CONFLICT (customer_id) DO UPDATE SET invoice_count = c.invoice_count + excluded.invoice_count
				RETURNING customer_id, invoice_count""", (ps) -> {
			Connection con = ps.getConnection();
			ps.setArray(1, InvoiceStates.array(con, "uuid", customers));
			ps.setArray(2, InvoiceStates.array(con, "int8", deltas));
		}, (rs) -> {
			after.put(rs.getObject(1, UUID.class), rs.getLong(2));
		});
		long change = 0;
		for (Map.Entry<UUID, Long> entry : counts.entrySet()) {
			long now = after.get(entry.getKey());
			long before = now - entry.getValue();
			if (before == 0 && now != 0) {
				change++;
			}
			else if (before != 0 && now == 0) {
				change--;
			}
		}
		return change;
	}

	private void addCurrencies(SortedMap<String, Figures> currencies, int slot) {
		if (currencies.isEmpty()) {
			return;
		}
		int n = currencies.size();
		String[] codes = currencies.keySet().toArray(String[]::new);
		Long[][] figures = RevenueBuckets.figureArrays(currencies, n);
		this.jdbc.update("""
				INSERT INTO revenue_by_currency AS t
				  (currency, slot, invoiced_minor, collected_minor, pending_minor, invoice_count)
				SELECT u.currency, ?, u.invoiced, u.collected, u.pending, u.invoices
				FROM unnest(?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[])
				  AS u(currency, invoiced, collected, pending, invoices)
				ON CONFLICT (currency, slot) DO UPDATE SET
				  invoiced_minor = t.invoiced_minor + excluded.invoiced_minor,
				  collected_minor = t.collected_minor + excluded.collected_minor,
				  pending_minor = t.pending_minor + excluded.pending_minor,
				  invoice_count = t.invoice_count + excluded.invoice_count""", (ps) -> {
			Connection con = ps.getConnection();
			ps.setInt(1, slot);
			ps.setArray(2, InvoiceStates.array(con, "text", codes));
			ps.setArray(3, InvoiceStates.array(con, "int8", figures[0]));
			ps.setArray(4, InvoiceStates.array(con, "int8", figures[1]));
			ps.setArray(5, InvoiceStates.array(con, "int8", figures[2]));
			ps.setArray(6, InvoiceStates.array(con, "int8", figures[3]));
		});
	}

}
