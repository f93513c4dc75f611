package io.tally.support.validation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MoneyTest {

	@Test
	void amountsLieBetweenOneAndTenToTheThirteen() {
		assertThat(Money.isValidAmount(1)).isTrue();
		assertThat(Money.isValidAmount(10_000_000_000_000L)).isTrue();
		assertThat(Money.isValidAmount(0)).isFalse();
		assertThat(Money.isValidAmount(-1)).isFalse();
		assertThat(Money.isValidAmount(10_000_000_000_001L)).isFalse();
	}

	@Test
	void currenciesAreKnownUpperCaseIsoCodes() {
		assertThat(Money.isKnownCurrency("USD")).isTrue();
		assertThat(Money.isKnownCurrency("JPY")).isTrue();
		assertThat(Money.isKnownCurrency("usd")).isFalse();
		assertThat(Money.isKnownCurrency("ABC")).isFalse();
		assertThat(Money.isKnownCurrency(null)).isFalse();
	}

}
