package io.tally.revenue.projection.store;

import java.util.List;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * Compares the totals the projection maintains with the aggregate of its per-customer
 * buckets, in one statement (one snapshot, so concurrent projection transactions cannot
 * make them differ).
 */
public final class ProjectionTotals {

	private ProjectionTotals() {
	}

	/**
	 * Every difference between the totals tables and the buckets (totals minus buckets),
	 * one line each; empty when they agree.
	 */
	public static List<String> drift(JdbcOperations jdbc) {
		return jdbc.queryForList(
				"""
						WITH totals AS (
						  SELECT currency, sum(invoiced_minor) AS i, sum(collected_minor) AS c, sum(pending_minor) AS p,
						    sum(invoice_count) AS n
						  FROM revenue_by_currency GROUP BY currency),
						buckets AS (
						  SELECT currency, sum(invoiced_minor) AS i, sum(collected_minor) AS c, sum(pending_minor) AS p,
						    sum(invoice_count) AS n
						  FROM revenue_by_customer GROUP BY currency),
						per_customer AS (
						  SELECT customer_id, sum(invoice_count) AS n FROM revenue_by_customer GROUP BY customer_id)
						SELECT format('currency %s: totals - buckets = %s/%s/%s/%s', currency, coalesce(t.i, 0) - coalesce(b.i, 0),
						  coalesce(t.c, 0) - coalesce(b.c, 0), coalesce(t.p, 0) - coalesce(b.p, 0),
						  coalesce(t.n, 0) - coalesce(b.n, 0))
						FROM totals t FULL JOIN buckets b USING (currency)
						WHERE (coalesce(t.i, 0), coalesce(t.c, 0), coalesce(t.p, 0), coalesce(t.n, 0))
						  <> (coalesce(b.i, 0), coalesce(b.c, 0), coalesce(b.p, 0), coalesce(b.n, 0))
						UNION ALL
						SELECT format('customer %s: counted - buckets = %s invoices', customer_id,
						  coalesce(c.invoice_count, 0) - coalesce(b.n, 0))
						FROM per_customer b FULL JOIN invoices_by_customer c USING (customer_id)
						WHERE coalesce(c.invoice_count, 0) <> coalesce(b.n, 0)
						UNION ALL
						SELECT format('customers: counted - with invoices in the buckets = %s', counted - actual)
						FROM (SELECT (SELECT coalesce(sum(customers), 0) FROM customer_count) AS counted,
						  (SELECT count(*) FROM per_customer WHERE n <> 0) AS actual) x
						WHERE counted <> actual""",
				String.class);
	}

}
