package io.tally.dashboard.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * An invoice as invoice-service returns it.
 *
 * @param id the invoice
 * @param customerId the customer
 * @param amountMinor amount in minor units of {@code currency}
 * @param currency ISO 4217 code
 * @param status pending or paid
 * @param issueDate day of issue
 * @param paidAt time of payment, when paid
 * @param version +1 on every change; sent back as {@code If-Match}
 * @param createdAt creation time
 * @param updatedAt time of the last change
 */
public record Invoice(UUID id, UUID customerId, long amountMinor, String currency, InvoiceStatus status,
		LocalDate issueDate, Instant paidAt, long version, Instant createdAt, Instant updatedAt) {
}
