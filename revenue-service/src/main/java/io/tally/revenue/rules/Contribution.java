package io.tally.revenue.rules;

import java.util.Map;

/**
 * What one invoice state adds to the revenue buckets.
 *
 * @param monthly figures per month bucket (at most two entries: issue month and payment
 * month)
 * @param customer figures per customer bucket (at most one entry)
 */
public record Contribution(Map<MonthBucket, Figures> monthly, Map<CustomerBucket, Figures> customer) {

	/** The contribution of a deleted or unknown invoice. */
	public static final Contribution NONE = new Contribution(Map.of(), Map.of());

	public Contribution {
		monthly = Map.copyOf(monthly);
		customer = Map.copyOf(customer);
	}

}
