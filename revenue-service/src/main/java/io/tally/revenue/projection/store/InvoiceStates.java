package io.tally.revenue.projection.store;

import java.time.YearMonth;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tally.revenue.rules.InvoiceChange;
import io.tally.revenue.rules.InvoiceState;
import io.tally.revenue.rules.PaymentStatus;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The per-invoice state rows: the version guard of the projection. */
@Repository
class InvoiceStates {

	private final JdbcTemplate jdbc;

	InvoiceStates(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Bounds how long the rest of this transaction waits for a row or table lock (a lock
	 * timeout is a transient failure), as the pipeline's next statement.
	 */
	static void lockTimeout(long millis, Pipeline pipeline) {
		pipeline.add("SELECT set_config('lock_timeout', ?, true)", (p) -> p.string(Long.toString(millis)));
	}

	/**
	 * Locks the rows of the given invoices for this transaction and returns the known
	 * states: runs {@code pipeline} (what comes before) and these statements in one round
	 * trip. Invoices never seen get a version-0 placeholder row first, so that concurrent
	 * consumers serialise on the row lock even for new invoices; the placeholder counts
	 * as "nothing known" and is always overwritten in the same transaction.
	 */
	Map<UUID, InvoiceState> lock(List<UUID> sortedInvoiceIds, Pipeline pipeline) {
		UUID[] ids = sortedInvoiceIds.toArray(UUID[]::new);
		Map<UUID, InvoiceState> states = new HashMap<>();
		pipeline.add("""
				INSERT INTO invoice_state (invoice_id, version, deleted)
				SELECT id, 0, true FROM unnest(?::uuid[]) AS t(id) ORDER BY id
				ON CONFLICT (invoice_id) DO NOTHING""", (p) -> p.array("uuid", ids))
			.add("""
					SELECT invoice_id, version, customer_id, currency, amount_minor, status, issue_month, paid_month, deleted
					FROM invoice_state WHERE invoice_id = ANY(?::uuid[]) ORDER BY invoice_id FOR UPDATE""",
					(p) -> p.array("uuid", ids), (rs) -> {
						long version = rs.getLong("version");
						if (version == 0) {
							return;
						}
						String status = rs.getString("status");
						java.sql.Date issueMonth = rs.getDate("issue_month");
						java.sql.Date paidMonth = rs.getDate("paid_month");
						InvoiceState state = new InvoiceState(rs.getObject("invoice_id", UUID.class), version,
								rs.getObject("customer_id", UUID.class), rs.getString("currency"),
								rs.getLong("amount_minor"), (status != null) ? PaymentStatus.valueOf(status) : null,
								(issueMonth != null) ? YearMonth.from(issueMonth.toLocalDate()) : null,
								(paidMonth != null) ? YearMonth.from(paidMonth.toLocalDate()) : null,
								rs.getBoolean("deleted"));
						states.put(state.invoiceId(), state);
					})
			.execute(this.jdbc);
		return states;
	}

	/**
	 * Overwrites the (locked) rows with the states of the changes, each with the id and
	 * time of its event.
	 */
	void store(Collection<InvoiceChange> changed, Pipeline pipeline) {
		int n = changed.size();
		UUID[] ids = new UUID[n];
		Long[] versions = new Long[n];
		UUID[] customers = new UUID[n];
		String[] currencies = new String[n];
		Long[] amounts = new Long[n];
		String[] statuses = new String[n];
		String[] issueMonths = new String[n];
		String[] paidMonths = new String[n];
		Boolean[] deleted = new Boolean[n];
		UUID[] eventIds = new UUID[n];
		String[] occurredAts = new String[n];
		int i = 0;
		for (InvoiceChange change : changed) {
			InvoiceState state = change.state();
			ids[i] = state.invoiceId();
			versions[i] = state.version();
			customers[i] = state.customerId();
			currencies[i] = state.currency();
			amounts[i] = state.amountMinor();
			statuses[i] = (state.status() != null) ? state.status().name() : null;
			issueMonths[i] = firstDay(state.issueMonth());
			paidMonths[i] = firstDay(state.paidMonth());
			deleted[i] = state.deleted();
			eventIds[i] = change.eventId();
			occurredAts[i] = change.occurredAt().toString();
			i++;
		}
		pipeline.add("""
				UPDATE invoice_state AS s SET version = u.version, customer_id = u.customer_id, currency = u.currency,
				  amount_minor = u.amount_minor, status = u.status, issue_month = u.issue_month,
				  paid_month = u.paid_month, deleted = u.deleted, last_event_id = u.event_id,
				  occurred_at = u.occurred_at, updated_at = now()
				FROM unnest(?::uuid[], ?::bigint[], ?::uuid[], ?::text[], ?::bigint[], ?::text[], ?::date[], ?::date[],
				  ?::boolean[], ?::uuid[], ?::timestamptz[])
				  AS u(invoice_id, version, customer_id, currency, amount_minor, status, issue_month, paid_month,
				  deleted, event_id, occurred_at)
				WHERE s.invoice_id = u.invoice_id""",
				(p) -> p.array("uuid", ids)
					.array("int8", versions)
					.array("uuid", customers)
					.array("text", currencies)
					.array("int8", amounts)
					.array("text", statuses)
					.array("text", issueMonths)
					.array("text", paidMonths)
					.array("bool", deleted)
					.array("uuid", eventIds)
					.array("text", occurredAts));
	}

	private static String firstDay(YearMonth month) {
		return (month != null) ? month.atDay(1).toString() : null;
	}

}
