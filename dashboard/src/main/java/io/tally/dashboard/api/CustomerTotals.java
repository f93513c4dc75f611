package io.tally.dashboard.api;

import java.util.UUID;

/**
 * One customer's totals in one currency, in minor units.
 *
 * @param customerId the customer
 * @param currency ISO 4217 code
 * @param invoicedMinor non-deleted invoices
 * @param collectedMinor paid invoices
 * @param pendingMinor pending invoices
 * @param invoiceCount number of non-deleted invoices
 */
public record CustomerTotals(UUID customerId, String currency, long invoicedMinor, long collectedMinor,
		long pendingMinor, long invoiceCount) {
}
