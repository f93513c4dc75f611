package io.tally.load.workload;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * An invoice this run created, as the service last acknowledged it.
 *
 * @param id the invoice id
 * @param customerId its customer
 * @param amountMinor its amount
 * @param currency its currency
 * @param issueDate its issue date
 * @param paidAt when it was paid, or null while pending
 * @param version its version (the ETag), for {@code If-Match}
 */
record OwnInvoice(UUID id, UUID customerId, long amountMinor, String currency, LocalDate issueDate, Instant paidAt,
		long version) {

	boolean paid() {
		return this.paidAt != null;
	}

	OwnInvoice withAmount(long amount, long newVersion) {
		return new OwnInvoice(this.id, this.customerId, amount, this.currency, this.issueDate, this.paidAt, newVersion);
	}

	OwnInvoice paidAt(Instant at, long newVersion) {
		return new OwnInvoice(this.id, this.customerId, this.amountMinor, this.currency, this.issueDate, at,
				newVersion);
	}

}
