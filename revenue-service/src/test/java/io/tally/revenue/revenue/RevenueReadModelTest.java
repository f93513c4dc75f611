package io.tally.revenue.revenue;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

import io.tally.revenue.IntegrationTestBase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The summary's one statement against the real schema: the slots of each currency added
 * up, currencies without invoices left out, the customer count over all slots, the newest
 * event time — and an empty projection. Each test rewrites the tables inside a
 * transaction it rolls back, so the shared database keeps what other tests projected.
 */
class RevenueReadModelTest extends IntegrationTestBase {

	@Autowired
	RevenueReadModel readModel;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transaction;

	@Test
	void summarizesTheSlotsOfEveryCurrencyWithInvoices() {
		Instant newest = Instant.parse("2026-11-30T10:15:30.123Z");
		RevenueSummary summary = inEmptyProjection(() -> {
			this.jdbc.update("""
					INSERT INTO revenue_by_currency (currency, slot, invoiced_minor, collected_minor, pending_minor,
					  invoice_count)
					VALUES ('USD', 0, 1000, 400, 600, 2), ('USD', 3, 500, 0, 500, 1), ('EUR', 1, 700, 700, 0, 1),
					  ('GBP', 0, 0, 0, 0, 0)""");
			this.jdbc.update("INSERT INTO customer_count (slot, customers) VALUES (0, 2), (3, 1)");
			state(Instant.parse("2026-11-29T08:00:00Z"));
			state(newest);
			return this.readModel.summary();
		});
		assertThat(summary.totals()).containsExactly(new CurrencyTotals("EUR", 700, 700, 0, 1),
				new CurrencyTotals("USD", 1500, 400, 1100, 3));
		assertThat(summary.customerCount()).isEqualTo(3);
		assertThat(summary.lastEventAt()).isEqualTo(newest);
	}

	@Test
	void summarizesAnEmptyProjectionAsNothing() {
		RevenueSummary summary = inEmptyProjection(this.readModel::summary);
		assertThat(summary.totals()).isEmpty();
		assertThat(summary.customerCount()).isZero();
		assertThat(summary.lastEventAt()).isNull();
	}

	private void state(Instant occurredAt) {
		this.jdbc.update(
				"INSERT INTO invoice_state (invoice_id, version, deleted, occurred_at) VALUES (?, 1, false, ?)",
				UUID.randomUUID(), Timestamp.from(occurredAt));
	}

	private RevenueSummary inEmptyProjection(Supplier<RevenueSummary> read) {
		return this.transaction.execute((status) -> {
			status.setRollbackOnly();
			this.jdbc.update("DELETE FROM revenue_by_currency");
			this.jdbc.update("DELETE FROM customer_count");
			this.jdbc.update("DELETE FROM invoice_state");
			return read.get();
		});
	}

}
