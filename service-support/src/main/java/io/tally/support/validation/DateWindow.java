package io.tally.support.validation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The dates an invoice may carry, checked the same way by the invoice aggregate (a 400
 * naming the field) and the revenue event mapper (an invalid event, dead-lettered): an
 * {@code issueDate} and the UTC date of a {@code paidAt} lie in {@value #EARLIEST_TEXT} …
 * {@value #LATEST_TEXT}. Every month in it can be stored, summed and written as
 * {@code YYYY-MM}; years such as 0, -1 or 10000 cannot.
 */
public final class DateWindow {

	/** The first day of the window, as text. */
	public static final String EARLIEST_TEXT = "1900-01-01";

	/** The last day of the window, as text. */
	public static final String LATEST_TEXT = "2199-12-31";

	/** The first day of the window. */
	public static final LocalDate EARLIEST = LocalDate.parse(EARLIEST_TEXT);

	/** The last day of the window. */
	public static final LocalDate LATEST = LocalDate.parse(LATEST_TEXT);

	/** What a date outside the window is told. */
	public static final String MESSAGE = "must lie between " + EARLIEST_TEXT + " and " + LATEST_TEXT + " (UTC)";

	private DateWindow() {
	}

	/** Whether a calendar date lies in the window. */
	public static boolean contains(LocalDate date) {
		return date != null && !date.isBefore(EARLIEST) && !date.isAfter(LATEST);
	}

	/** Whether the UTC date of an instant lies in the window. */
	public static boolean contains(Instant instant) {
		return instant != null && !instant.isBefore(EARLIEST.atStartOfDay(ZoneOffset.UTC).toInstant())
				&& instant.isBefore(LATEST.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
	}

}
