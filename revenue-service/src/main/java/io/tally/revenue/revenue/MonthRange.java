package io.tally.revenue.revenue;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An inclusive range of months, at most {@value #MAX_MONTHS} long.
 *
 * @param from first month
 * @param to last month
 */
record MonthRange(YearMonth from, YearMonth to) {

	static final int MAX_MONTHS = 120;

	static final int DEFAULT_MONTHS = 12;

	private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");

	/**
	 * Parses request parameters; a missing bound defaults so that the range ends this
	 * month and spans 12 months.
	 * @throws InvalidRevenueQuery for a malformed month, {@code from} after {@code to},
	 * or more than 120 months
	 */
	static MonthRange parse(String from, String to, YearMonth currentMonth) {
		YearMonth end = (to != null) ? month("to", to) : null;
		YearMonth start = (from != null) ? month("from", from) : null;
		if (end == null) {
			end = (start != null && start.isAfter(currentMonth)) ? start.plusMonths(DEFAULT_MONTHS - 1) : currentMonth;
		}
		if (start == null) {
			start = end.minusMonths(DEFAULT_MONTHS - 1);
		}
		if (start.isAfter(end)) {
			throw new InvalidRevenueQuery("from", "from (" + start + ") is after to (" + end + ")");
		}
		MonthRange range = new MonthRange(start, end);
		if (range.length() > MAX_MONTHS) {
			throw new InvalidRevenueQuery("to",
					"the range spans " + range.length() + " months; at most " + MAX_MONTHS + " are allowed");
		}
		return range;
	}

	/** Number of months in the range. */
	long length() {
		return (this.to.getYear() - (long) this.from.getYear()) * 12 + this.to.getMonthValue()
				- this.from.getMonthValue() + 1;
	}

	/** Every month of the range in order. */
	List<YearMonth> months() {
		List<YearMonth> months = new ArrayList<>();
		for (YearMonth month = this.from; !month.isAfter(this.to); month = month.plusMonths(1)) {
			months.add(month);
		}
		return months;
	}

	private static YearMonth month(String field, String value) {
		if (!MONTH.matcher(value).matches()) {
			throw new InvalidRevenueQuery(field, field + " must be a month YYYY-MM, was '" + value + "'");
		}
		try {
			return YearMonth.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidRevenueQuery(field, field + " is not a valid month: '" + value + "'");
		}
	}

}
