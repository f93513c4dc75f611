package io.tally.revenue.revenue;

import java.util.UUID;

/**
 * One customer's revenue in one currency.
 *
 * @param customerId the customer
 * @param currency ISO 4217 code
 * @param invoicedMinor the customer's non-deleted invoices
 * @param collectedMinor its PAID invoices
 * @param pendingMinor its PENDING invoices
 * @param invoiceCount number of its non-deleted invoices
 */
record CustomerCurrencyRevenue(UUID customerId, String currency, long invoicedMinor, long collectedMinor,
		long pendingMinor, long invoiceCount) {
}
