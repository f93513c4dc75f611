package io.tally.dashboard.api;

import java.time.YearMonth;

/**
 * Revenue of one month in one currency, in minor units.
 *
 * @param month the month (UTC)
 * @param currency ISO 4217 code
 * @param invoicedMinor non-deleted invoices issued in the month
 * @param collectedMinor paid invoices, by month of payment
 * @param pendingMinor pending invoices issued in the month
 */
public record MonthFigures(YearMonth month, String currency, long invoicedMinor, long collectedMinor,
		long pendingMinor) {

	/** A month without any invoice. */
	public static MonthFigures empty(YearMonth month, String currency) {
		return new MonthFigures(month, currency, 0, 0, 0);
	}

}
