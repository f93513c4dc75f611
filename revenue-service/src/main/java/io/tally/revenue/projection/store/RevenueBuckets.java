package io.tally.revenue.projection.store;

import java.util.Map;
import java.util.SortedMap;

import io.tally.revenue.rules.BucketDeltas;
import io.tally.revenue.rules.CustomerBucket;
import io.tally.revenue.rules.Figures;
import io.tally.revenue.rules.MonthBucket;

import org.springframework.stereotype.Repository;

/**
 * The revenue buckets by (month, currency) and by (customer, currency), changed only by
 * adding deltas.
 */
@Repository
class RevenueBuckets {

	/**
	 * Adds the deltas, in key order so that concurrent writers lock bucket rows in the
	 * same order.
	 */
	void add(BucketDeltas deltas, Pipeline pipeline) {
		addMonthly(deltas.monthly(), pipeline);
		addCustomer(deltas.customer(), pipeline);
	}

	private void addMonthly(SortedMap<MonthBucket, Figures> monthly, Pipeline pipeline) {
		if (monthly.isEmpty()) {
			return;
		}
		int n = monthly.size();
		String[] months = new String[n];
		String[] currencies = new String[n];
		Long[][] figures = figureArrays(monthly, n);
		int i = 0;
		for (MonthBucket bucket : monthly.keySet()) {
			months[i] = bucket.month().atDay(1).toString();
			currencies[i] = bucket.currency();
			i++;
		}
		pipeline.add("""
				INSERT INTO revenue_by_month AS b (month, currency, invoiced_minor, collected_minor, pending_minor)
				SELECT * FROM unnest(?::date[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[])
				ON CONFLICT (month, currency) DO UPDATE SET
				  invoiced_minor = b.invoiced_minor + excluded.invoiced_minor,
				  collected_minor = b.collected_minor + excluded.collected_minor,
				  pending_minor = b.pending_minor + excluded.pending_minor""",
				(p) -> p.array("text", months)
					.array("text", currencies)
					.array("int8", figures[0])
					.array("int8", figures[1])
					.array("int8", figures[2]));
	}

	private void addCustomer(SortedMap<CustomerBucket, Figures> customer, Pipeline pipeline) {
		if (customer.isEmpty()) {
			return;
		}
		int n = customer.size();
		Object[] customers = new Object[n];
		String[] currencies = new String[n];
		Long[][] figures = figureArrays(customer, n);
		int i = 0;
		for (CustomerBucket bucket : customer.keySet()) {
			customers[i] = bucket.customerId();
			currencies[i] = bucket.currency();
			i++;
		}
		pipeline.add("""
				INSERT INTO revenue_by_customer AS b
				  (customer_id, currency, invoiced_minor, collected_minor, pending_minor, invoice_count)
				SELECT * FROM unnest(?::uuid[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[])
				ON CONFLICT (customer_id, currency) DO UPDATE SET
				  invoiced_minor = b.invoiced_minor + excluded.invoiced_minor,
				  collected_minor = b.collected_minor + excluded.collected_minor,
				  pending_minor = b.pending_minor + excluded.pending_minor,
				  invoice_count = b.invoice_count + excluded.invoice_count""",
				(p) -> p.array("uuid", customers)
					.array("text", currencies)
					.array("int8", figures[0])
					.array("int8", figures[1])
					.array("int8", figures[2])
					.array("int8", figures[3]));
	}

	static Long[][] figureArrays(Map<?, Figures> deltas, int n) {
		Long[][] columns = new Long[4][n];
		int i = 0;
		for (Figures figures : deltas.values()) {
			columns[0][i] = figures.invoicedMinor();
			columns[1][i] = figures.collectedMinor();
			columns[2][i] = figures.pendingMinor();
			columns[3][i] = figures.invoiceCount();
			i++;
		}
		return columns;
	}

}
