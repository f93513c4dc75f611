package io.tally.dashboard.overview;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/**
 * The overview's range chooser: {@code from} and {@code to} as {@code YYYY-MM}; by
 * default the last twelve months. An invalid choice falls back to the default and says
 * which field was wrong.
 *
 * @param from first month
 * @param to last month
 * @param invalidField {@code from} or {@code to} when that input was refused, else
 * {@code null}
 */
record MonthRangeInput(YearMonth from, YearMonth to, String invalidField) {

	/** revenue-service serves at most this many months at once. */
	static final int MAX_MONTHS = 120;

	static MonthRangeInput parse(String from, String to, YearMonth now) {
		YearMonth defaultTo = now;
		YearMonth defaultFrom = now.minusMonths(11);
		YearMonth parsedFrom = month(from);
		YearMonth parsedTo = month(to);
		if (blank(from) && blank(to)) {
			return new MonthRangeInput(defaultFrom, defaultTo, null);
		}
		if (!blank(from) && parsedFrom == null) {
			return new MonthRangeInput(defaultFrom, defaultTo, "from");
		}
		if (!blank(to) && parsedTo == null) {
			return new MonthRangeInput(defaultFrom, defaultTo, "to");
		}
		YearMonth start = (parsedFrom != null) ? parsedFrom : parsedTo.minusMonths(11);
		YearMonth end = (parsedTo != null) ? parsedTo : start.plusMonths(11);
		if (end.isBefore(start) || start.plusMonths(MAX_MONTHS - 1).isBefore(end)) {
			return new MonthRangeInput(defaultFrom, defaultTo, "to");
		}
		return new MonthRangeInput(start, end, null);
	}

	boolean contains(YearMonth month) {
		return !month.isBefore(this.from) && !month.isAfter(this.to);
	}

	private static boolean blank(String text) {
		return text == null || text.isBlank();
	}

	private static YearMonth month(String text) {
		if (blank(text)) {
			return null;
		}
		try {
			return YearMonth.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
