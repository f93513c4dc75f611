package io.tally.revenue.revenue;

/**
 * Revenue of one month in one currency.
 *
 * @param month {@code YYYY-MM}
 * @param currency ISO 4217 code
 * @param invoicedMinor non-deleted invoices issued in the month
 * @param collectedMinor PAID invoices paid in the month
 * @param pendingMinor PENDING invoices issued in the month
 */
record MonthlyRevenue(String month, String currency, long invoicedMinor, long collectedMinor, long pendingMinor) {
}
