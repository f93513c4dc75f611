package io.tally.dashboard.web;

import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AmountInputTest {

	@Test
	void readsAmountsAsPeopleTypeThemInTheirLocale() {
		assertThat(AmountInput.parse("1.234,56", "EUR", Locale.GERMAN)).contains(123456L);
		assertThat(AmountInput.parse("12,5", "EUR", Locale.GERMAN)).contains(1250L);
		assertThat(AmountInput.parse("1,234.56", "EUR", Locale.ENGLISH)).contains(123456L);
		assertThat(AmountInput.parse(" 12 ", "EUR", Locale.ENGLISH)).contains(1200L);
		assertThat(AmountInput.parse("١٢٫٥", "EUR", Locale.forLanguageTag("ar"))).contains(1250L);
		assertThat(AmountInput.parse("12.5", "EUR", Locale.forLanguageTag("ar"))).contains(1250L);
		assertThat(AmountInput.parse("1234", "JPY", Locale.ENGLISH)).contains(1234L);
	}

	@Test
	void keepsZeroAndNegativeAmountsForTheServiceToJudge() {
		assertThat(AmountInput.parse("0", "EUR", Locale.ENGLISH)).contains(0L);
		assertThat(AmountInput.parse("-5", "EUR", Locale.ENGLISH)).contains(-500L);
	}

	@Test
	void refusesWhatIsNotAnAmountInsteadOfGuessing() {
		assertThat(AmountInput.parse("abc", "EUR", Locale.ENGLISH)).isEmpty();
		assertThat(AmountInput.parse("12.345", "EUR", Locale.ENGLISH)).isEmpty();
		assertThat(AmountInput.parse("12.5", "JPY", Locale.ENGLISH)).isEmpty();
		assertThat(AmountInput.parse("1-2", "EUR", Locale.ENGLISH)).isEmpty();
		assertThat(AmountInput.parse("", "EUR", Locale.ENGLISH)).isEmpty();
		assertThat(AmountInput.parse("99999999999999999999999", "EUR", Locale.ENGLISH)).isEmpty();
	}

}
