package io.tally.revenue.rules;

import java.time.YearMonth;

/**
 * Key of a monthly revenue bucket: amounts are never summed across currencies.
 *
 * @param month the calendar month (UTC)
 * @param currency ISO 4217 code
 */
public record MonthBucket(YearMonth month, String currency) implements Comparable<MonthBucket> {

	@Override
	public int compareTo(MonthBucket other) {
		int byMonth = this.month.compareTo(other.month);
		return (byMonth != 0) ? byMonth : this.currency.compareTo(other.currency);
	}

}
