package io.tally.invoice.invoice;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A validated full replacement of an invoice's content; paidAt may be null. */
record ReplaceInvoice(UUID customerId, long amountMinor, String currency, InvoiceStatus status, LocalDate issueDate,
		Instant paidAt) {

}
