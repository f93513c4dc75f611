package io.tally.support.validation;

import java.util.Currency;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The money rules every service checks the same way: an amount in minor units lies in
 * 1..10^13 (which also keeps sums far from overflow), a currency is a known ISO 4217
 * code.
 */
public final class Money {

	/** Largest amount, in minor units. */
	public static final long MAX_AMOUNT_MINOR = 10_000_000_000_000L;

	private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies()
		.stream()
		.map(Currency::getCurrencyCode)
		.collect(Collectors.toUnmodifiableSet());

	private Money() {
	}

	/** Whether an amount in minor units is within 1..{@value #MAX_AMOUNT_MINOR}. */
	public static boolean isValidAmount(long amountMinor) {
		return amountMinor >= 1 && amountMinor <= MAX_AMOUNT_MINOR;
	}

	/** Whether a code is a known ISO 4217 currency code (upper case, e.g. USD). */
	public static boolean isKnownCurrency(String code) {
		return code != null && CURRENCIES.contains(code);
	}

}
