package io.tally.invoice.invoice;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/**
 * The business content of an invoice, everything a client can set; {@code paidAt} is set
 * exactly when the status is PAID.
 */
public record InvoiceState(UUID customerId, long amountMinor, String currency, InvoiceStatus status,
		LocalDate issueDate, Instant paidAt) {

	public InvoiceState {
		Objects.requireNonNull(customerId, "customerId");
		Objects.requireNonNull(currency, "currency");
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(issueDate, "issueDate");
		if ((status == InvoiceStatus.PAID) != (paidAt != null)) {
			throw new IllegalArgumentException("paidAt must be set exactly when the invoice is PAID");
		}
	}

}
