package io.tally.revenue.rules;

import java.util.UUID;

/**
 * Key of a per-customer revenue bucket.
 *
 * @param customerId the customer
 * @param currency ISO 4217 code
 */
public record CustomerBucket(UUID customerId, String currency) implements Comparable<CustomerBucket> {

	@Override
	public int compareTo(CustomerBucket other) {
		int byCustomer = this.customerId.compareTo(other.customerId);
		return (byCustomer != 0) ? byCustomer : this.currency.compareTo(other.currency);
	}

}
