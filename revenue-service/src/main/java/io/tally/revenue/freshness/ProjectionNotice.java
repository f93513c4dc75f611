package io.tally.revenue.freshness;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.tally.revenue.rules.CustomerBucket;
import io.tally.revenue.rules.MonthBucket;

/**
 * What one committed projection transaction changed, as carried by PostgreSQL's
 * {@code NOTIFY} on {@link #CHANNEL} to every revenue-service instance: the newest event
 * time it applied (the watermark) and the buckets whose figures moved. When the bucket
 * list would not fit a notification, {@link #everything()} says "assume anything
 * changed".
 *
 * @param watermark time of the newest event the transaction applied
 * @param months monthly buckets whose figures changed
 * @param customers per-customer buckets whose figures changed
 * @param everything whether the lists are incomplete (too many buckets, or a rebuild)
 */
public record ProjectionNotice(Instant watermark, Set<MonthBucket> months, Set<CustomerBucket> customers,
		boolean everything) {

	/** The notification channel. */
	public static final String CHANNEL = "revenue_changed";

	// PostgreSQL refuses payloads of 8000 bytes or more
	static final int MAX_PAYLOAD = 7900;

	public ProjectionNotice {
		months = Set.copyOf(months);
		customers = Set.copyOf(customers);
	}

	/** A notice of a transaction that applied events up to {@code watermark}. */
	public static ProjectionNotice of(Instant watermark, Collection<MonthBucket> months,
			Collection<CustomerBucket> customers) {
		return new ProjectionNotice(watermark, new LinkedHashSet<>(months), new LinkedHashSet<>(customers), false);
	}

	/**
	 * A notice that anything may have changed (after a rebuild, or after notices were
	 * missed).
	 */
	public static ProjectionNotice everything(Instant watermark) {
		return new ProjectionNotice((watermark != null) ? watermark : Instant.EPOCH, Set.of(), Set.of(), true);
	}

	/**
	 * The notification payload:
	 * {@code <watermark millis>|<month:currency,…>|<customer:currency,…>}, or
	 * {@code <watermark millis>|*} when the buckets don't fit.
	 */
	public String toPayload() {
		String head = this.watermark.toEpochMilli() + "|";
		if (this.everything) {
			return head + "*";
		}
		StringBuilder payload = new StringBuilder(head);
		List<String> monthKeys = new ArrayList<>();
		this.months.forEach((bucket) -> monthKeys.add(bucket.month() + ":" + bucket.currency()));
		payload.append(String.join(",", monthKeys)).append('|');
		List<String> customerKeys = new ArrayList<>();
		this.customers.forEach((bucket) -> customerKeys.add(bucket.customerId() + ":" + bucket.currency()));
		payload.append(String.join(",", customerKeys));
		return (payload.length() < MAX_PAYLOAD) ? payload.toString() : head + "*";
	}

	/**
	 * Reads a payload written by {@link #toPayload()}.
	 * @throws IllegalArgumentException if it is not one
	 */
	public static ProjectionNotice parse(String payload) {
		String[] parts = payload.split("\\|", -1);
		try {
			Instant watermark = Instant.ofEpochMilli(Long.parseLong(parts[0]));
			if (parts.length == 2 && parts[1].equals("*")) {
				return new ProjectionNotice(watermark, Set.of(), Set.of(), true);
			}
			if (parts.length != 3) {
				throw new IllegalArgumentException("Not a projection notice: " + payload.length() + " characters");
			}
			Set<MonthBucket> months = new LinkedHashSet<>();
			for (String key : keys(parts[1])) {
				int colon = key.lastIndexOf(':');
				months.add(new MonthBucket(YearMonth.parse(key.substring(0, colon)), key.substring(colon + 1)));
			}
			Set<CustomerBucket> customers = new LinkedHashSet<>();
			for (String key : keys(parts[2])) {
				int colon = key.lastIndexOf(':');
				customers.add(new CustomerBucket(UUID.fromString(key.substring(0, colon)), key.substring(colon + 1)));
			}
			return new ProjectionNotice(watermark, months, customers, false);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("Not a projection notice", ex);
		}
	}

	private static List<String> keys(String list) {
		return list.isEmpty() ? List.of() : List.of(list.split(","));
	}

	/**
	 * This notice and {@code other} together (the newer watermark, the union of buckets).
	 */
	public ProjectionNotice merge(ProjectionNotice other) {
		Instant newer = this.watermark.isAfter(other.watermark) ? this.watermark : other.watermark;
		if (this.everything || other.everything) {
			return new ProjectionNotice(newer, Set.of(), Set.of(), true);
		}
		Set<MonthBucket> allMonths = new LinkedHashSet<>(this.months);
		allMonths.addAll(other.months);
		Set<CustomerBucket> allCustomers = new LinkedHashSet<>(this.customers);
		allCustomers.addAll(other.customers);
		return new ProjectionNotice(newer, allMonths, allCustomers, false);
	}

}
