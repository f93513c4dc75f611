package io.tally.dashboard.web;

import java.math.BigDecimal;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DecimalStyle;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;
import java.util.UUID;

/**
 * Numbers, money, months and dates as people of one locale write them ({@code 1.234,00 €}
 * in German, Arabic-Indic digits in Arabic). Money is always a count of the currency's
 * minor unit; months and dates are UTC, as in the services.
 */
public final class Formats {

	private final Locale locale;

	private final DateTimeFormatter month;

	private final DateTimeFormatter shortMonth;

	private final DateTimeFormatter date;

	private final DateTimeFormatter dateTime;

	private Formats(Locale locale) {
		this.locale = locale;
		DecimalStyle digits = DecimalStyle.of(locale);
		this.month = DateTimeFormatter.ofPattern("LLLL yyyy", locale).withDecimalStyle(digits);
		this.shortMonth = DateTimeFormatter.ofPattern("LLL yy", locale).withDecimalStyle(digits);
		this.date = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).withDecimalStyle(digits);
		this.dateTime = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
			.withLocale(locale)
			.withDecimalStyle(digits)
			.withZone(ZoneOffset.UTC);
	}

	/** The formats of {@code locale}. */
	public static Formats of(Locale locale) {
		return new Formats(locale);
	}

	public Locale locale() {
		return this.locale;
	}

	/** {@code 123450, "EUR"} → {@code €1,234.50} (en), {@code 1.234,50 €} (de). */
	public String money(long minor, String currency) {
		Currency unit = Currency.getInstance(currency);
		NumberFormat format = NumberFormat.getCurrencyInstance(this.locale);
		format.setCurrency(unit);
		int digits = Math.max(0, unit.getDefaultFractionDigits());
		format.setMinimumFractionDigits(digits);
		format.setMaximumFractionDigits(digits);
		return format.format(major(minor, unit));
	}

	/** The amount in major units as a plain number for machines, e.g. {@code 1234.50}. */
	public String plain(long minor, String currency) {
		return major(minor, Currency.getInstance(currency)).toPlainString();
	}

	/**
	 * An amount as a person of this locale types it, without grouping: {@code 1234,50}.
	 */
	public String amountInput(long minor, String currency) {
		String plain = plain(minor, currency);
		String separator = String.valueOf(DecimalFormatSymbols.getInstance(this.locale).getDecimalSeparator());
		return plain.replace(".", separator);
	}

	/** A count, e.g. {@code 1.234} (de). */
	public String number(long value) {
		return NumberFormat.getIntegerInstance(this.locale).format(value);
	}

	/** {@code März 2026} (de). */
	public String month(YearMonth month) {
		return this.month.format(month);
	}

	/** {@code Mär 26} (de), for chart axes. */
	public String shortMonth(YearMonth month) {
		return this.shortMonth.format(month);
	}

	/** {@code 05.03.2026} (de). */
	public String date(LocalDate date) {
		return (date != null) ? this.date.format(date) : "";
	}

	/** A moment in UTC, e.g. {@code 05.03.2026, 14:03:22} (de). */
	public String dateTime(Instant instant) {
		return (instant != null) ? this.dateTime.format(instant) : "";
	}

	/** The name of a currency in this locale, e.g. {@code Euro}. */
	public String currencyName(String currency) {
		return Currency.getInstance(currency).getDisplayName(this.locale);
	}

	/** The first block of a customer id: enough to tell the demo customers apart. */
	public String shortId(UUID id) {
		return id.toString().substring(0, 8);
	}

	/**
	 * The age of {@code watermark} at {@code now} as a number and unit key ({@code s},
	 * {@code min}, {@code h}, {@code d}) for the "updated … ago" message.
	 */
	public Age age(Instant watermark, Instant now) {
		long seconds = Math.max(0, Duration.between(watermark, now).toSeconds());
		if (seconds < 60) {
			return new Age(number(seconds), "s");
		}
		if (seconds < 3600) {
			return new Age(number(seconds / 60), "min");
		}
		if (seconds < 86400) {
			return new Age(number(seconds / 3600), "h");
		}
		return new Age(number(seconds / 86400), "d");
	}

	private static BigDecimal major(long minor, Currency unit) {
		return BigDecimal.valueOf(minor, Math.max(0, unit.getDefaultFractionDigits()));
	}

	/**
	 * An age in one unit.
	 *
	 * @param amount the localized number
	 * @param unit {@code s}, {@code min}, {@code h} or {@code d}
	 */
	public record Age(String amount, String unit) {
	}

}
