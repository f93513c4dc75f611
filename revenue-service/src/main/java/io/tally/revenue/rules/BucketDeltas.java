package io.tally.revenue.rules;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/** Accumulates the changes a batch of invoice changes makes to the revenue buckets. */
public final class BucketDeltas {

	private final Map<MonthBucket, Figures> monthly = new HashMap<>();

	private final Map<CustomerBucket, Figures> customer = new HashMap<>();

	/** Adds a contribution. */
	public void add(Contribution contribution) {
		contribution.monthly().forEach((bucket, figures) -> this.monthly.merge(bucket, figures, Figures::plus));
		contribution.customer().forEach((bucket, figures) -> this.customer.merge(bucket, figures, Figures::plus));
	}

	/** Subtracts a contribution. */
	public void subtract(Contribution contribution) {
		contribution.monthly()
			.forEach((bucket, figures) -> this.monthly.merge(bucket, figures.negated(), Figures::plus));
		contribution.customer()
			.forEach((bucket, figures) -> this.customer.merge(bucket, figures.negated(), Figures::plus));
	}

	/** Adds all deltas of {@code other}. */
	public void addAll(BucketDeltas other) {
		other.monthly.forEach((bucket, figures) -> this.monthly.merge(bucket, figures, Figures::plus));
		other.customer.forEach((bucket, figures) -> this.customer.merge(bucket, figures, Figures::plus));
	}

	/**
	 * Non-zero monthly deltas in key order (a stable lock order for concurrent writers).
	 */
	public SortedMap<MonthBucket, Figures> monthly() {
		return nonZero(this.monthly);
	}

	/** Non-zero per-customer deltas in key order. */
	public SortedMap<CustomerBucket, Figures> customer() {
		return nonZero(this.customer);
	}

	/**
	 * Non-zero deltas of the totals per currency (the per-customer deltas added up), in
	 * currency order.
	 */
	public SortedMap<String, Figures> currency() {
		Map<String, Figures> byCurrency = new HashMap<>();
		this.customer.forEach((bucket, figures) -> byCurrency.merge(bucket.currency(), figures, Figures::plus));
		return nonZero(byCurrency);
	}

	/**
	 * Non-zero deltas of each customer's number of invoices over all currencies, in
	 * customer order.
	 */
	public SortedMap<UUID, Long> invoiceCounts() {
		Map<UUID, Long> byCustomer = new HashMap<>();
		this.customer.forEach(
				(bucket, figures) -> byCustomer.merge(bucket.customerId(), figures.invoiceCount(), Math::addExact));
		TreeMap<UUID, Long> result = new TreeMap<>();
		byCustomer.forEach((customer, count) -> {
			if (count != 0) {
				result.put(customer, count);
			}
		});
		return Collections.unmodifiableSortedMap(result);
	}

	private static <K extends Comparable<K>> SortedMap<K, Figures> nonZero(Map<K, Figures> deltas) {
		TreeMap<K, Figures> result = new TreeMap<>();
		deltas.forEach((key, figures) -> {
			if (!figures.isZero()) {
				result.put(key, figures);
			}
		});
		return Collections.unmodifiableSortedMap(result);
	}

}
