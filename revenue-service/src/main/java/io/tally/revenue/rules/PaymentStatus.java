package io.tally.revenue.rules;

/** Payment status of an invoice as the revenue rules see it. */
public enum PaymentStatus {

	PENDING, PAID

}
