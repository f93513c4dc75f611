package io.tally.dashboard.api;

/**
 * Totals in one currency, in minor units.
 *
 * @param currency ISO 4217 code
 * @param invoicedMinor non-deleted invoices
 * @param collectedMinor paid invoices
 * @param pendingMinor pending invoices
 * @param invoiceCount number of non-deleted invoices
 */
public record CurrencyTotals(String currency, long invoicedMinor, long collectedMinor, long pendingMinor,
		long invoiceCount) {
}
