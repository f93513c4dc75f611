package io.tally.dashboard.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The body of a create or replace request; the service validates it and answers a problem
 * naming the invalid fields.
 *
 * @param customerId the customer
 * @param amountMinor amount in minor units
 * @param currency ISO 4217 code
 * @param status pending or paid
 * @param issueDate day of issue
 * @param paidAt time of payment, only with {@code PAID}; {@code null} lets the service
 * decide (now, or unchanged)
 */
public record InvoiceDraft(UUID customerId, Long amountMinor, String currency, InvoiceStatus status,
		LocalDate issueDate, Instant paidAt) {
}
