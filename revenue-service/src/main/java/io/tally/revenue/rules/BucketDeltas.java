package io.tally.revenue.rules;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

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
