package io.tally.revenue.revenue;

/**
 * Totals in one currency.
 *
 * @param currency ISO 4217 code
 * @param invoicedMinor non-deleted invoices
 * @param collectedMinor PAID invoices
 * @param pendingMinor PENDING invoices
 * @param invoiceCount number of non-deleted invoices
 */
record CurrencyTotals(String currency, long invoicedMinor, long collectedMinor, long pendingMinor, long invoiceCount) {
}
