package io.tally.dashboard.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FormatsTest {

	private static final Locale ARABIC = Locale.forLanguageTag("ar");

	@Test
	void formatsMoneyFromMinorUnitsPerLocale() {
		assertThat(Formats.of(Locale.ENGLISH).money(123400, "EUR")).isEqualTo("€1,234.00");
		assertThat(Formats.of(Locale.GERMAN).money(123400, "EUR")).isEqualTo("1.234,00\u00a0€");
		assertThat(Formats.of(ARABIC).money(123400, "EUR")).isEqualTo("١٬٢٣٤٫٠٠\u00a0€");
	}

	@Test
	void usesEachCurrencysOwnNumberOfDecimals() {
		assertThat(Formats.of(Locale.ENGLISH).money(1234, "JPY")).isEqualTo("¥1,234");
		assertThat(Formats.of(Locale.ENGLISH).money(5, "USD")).isEqualTo("$0.05");
		assertThat(Formats.of(Locale.ENGLISH).plain(123450, "EUR")).isEqualTo("1234.50");
	}

	@Test
	void namesMonthsAndDatesInTheLanguageWithItsDigits() {
		assertThat(Formats.of(Locale.ENGLISH).month(YearMonth.of(2026, 3))).isEqualTo("March 2026");
		assertThat(Formats.of(Locale.GERMAN).month(YearMonth.of(2026, 3))).isEqualTo("März 2026");
		assertThat(Formats.of(ARABIC).month(YearMonth.of(2026, 3))).isEqualTo("مارس ٢٠٢٦");
		assertThat(Formats.of(Locale.GERMAN).date(LocalDate.of(2026, 3, 5))).isEqualTo("05.03.2026");
	}

	@Test
	void prefillsAmountsWithTheLocalesDecimalSeparatorAndNoGrouping() {
		assertThat(Formats.of(Locale.GERMAN).amountInput(123450, "EUR")).isEqualTo("1234,50");
		assertThat(Formats.of(Locale.ENGLISH).amountInput(123450, "EUR")).isEqualTo("1234.50");
	}

	@Test
	void describesTheAgeOfTheFiguresInOneUnit() {
		Instant watermark = Instant.parse("2026-03-05T10:00:00Z");
		assertThat(Formats.of(Locale.ENGLISH).age(watermark, watermark.plusSeconds(2)))
			.isEqualTo(new Formats.Age("2", "s"));
		assertThat(Formats.of(Locale.ENGLISH).age(watermark, watermark.plusSeconds(150)))
			.isEqualTo(new Formats.Age("2", "min"));
		assertThat(Formats.of(ARABIC).age(watermark, watermark.plusSeconds(7200))).isEqualTo(new Formats.Age("٢", "h"));
		assertThat(Formats.of(Locale.ENGLISH).age(watermark, watermark.minusSeconds(5)))
			.isEqualTo(new Formats.Age("0", "s"));
	}

}
