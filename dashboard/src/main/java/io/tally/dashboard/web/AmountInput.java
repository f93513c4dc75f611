package io.tally.dashboard.web;

import java.math.BigDecimal;
import java.text.DecimalFormatSymbols;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads an amount as people type it in their locale ({@code 1.234,56} in German,
 * {@code ١٢٫٥} in Arabic, {@code 12.50} anywhere the dot is the decimal separator) into
 * minor units of a currency; anything else is refused rather than guessed.
 */
public final class AmountInput {

	private AmountInput() {
	}

	/**
	 * Minor units, or empty when {@code text} is not an amount with at most the
	 * currency's decimals. Range checks are the service's.
	 */
	public static Optional<Long> parse(String text, String currency, Locale locale) {
		if (text == null || text.isBlank()) {
			return Optional.empty();
		}
		DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(locale);
		StringBuilder normalized = new StringBuilder();
		for (char c : text.strip().toCharArray()) {
			if (Character.isDigit(c)) {
				normalized.append(Character.forDigit(Character.digit(c, 10), 10));
			}
			else if (c == symbols.getDecimalSeparator() || c == symbols.getMonetaryDecimalSeparator()) {
				normalized.append('.');
			}
			else if (c == symbols.getGroupingSeparator() || Character.isSpaceChar(c) || c == '\'') {
				// grouping is for reading; it carries no value
			}
			else if (c == '-' || c == symbols.getMinusSign()) {
				normalized.append('-');
			}
			else if (c == '.' && symbols.getGroupingSeparator() != '.') {
				normalized.append('.');
			}
			else {
				return Optional.empty();
			}
		}
		try {
			BigDecimal amount = new BigDecimal(normalized.toString());
			int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
			if (amount.scale() > digits) {
				return Optional.empty();
			}
			return Optional.of(amount.movePointRight(digits).longValueExact());
		}
		catch (NumberFormatException | ArithmeticException ex) {
			return Optional.empty();
		}
	}

}
