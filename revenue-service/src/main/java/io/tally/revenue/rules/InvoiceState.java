package io.tally.revenue.rules;

import java.time.YearMonth;
import java.util.Objects;
import java.util.UUID;

/**
 * The projection's view of one invoice at a given version: exactly what the revenue rules
 * need.
 *
 * @param invoiceId the invoice
 * @param version the invoice version this state belongs to (1 on creation, +1 per change)
 * @param customerId the customer billed
 * @param currency ISO 4217 code
 * @param amountMinor amount in minor units of {@code currency}
 * @param status payment status
 * @param issueMonth month of the issue date (UTC)
 * @param paidMonth month of the payment (UTC); set exactly when {@code status} is PAID
 * @param deleted whether the invoice was deleted (a tombstone that still guards its
 * version)
 */
public record InvoiceState(UUID invoiceId, long version, UUID customerId, String currency, long amountMinor,
		PaymentStatus status, YearMonth issueMonth, YearMonth paidMonth, boolean deleted) {

	public InvoiceState {
		Objects.requireNonNull(invoiceId, "invoiceId");
		if (!deleted) {
			Objects.requireNonNull(customerId, "customerId");
			Objects.requireNonNull(currency, "currency");
			Objects.requireNonNull(status, "status");
			Objects.requireNonNull(issueMonth, "issueMonth");
			if (status == PaymentStatus.PAID) {
				Objects.requireNonNull(paidMonth, "paidMonth of a PAID invoice");
			}
		}
	}

	/**
	 * Whether this state supersedes {@code other} (which may be {@code null}: nothing
	 * known yet).
	 */
	public boolean isNewerThan(InvoiceState other) {
		return other == null || this.version > other.version;
	}

}
