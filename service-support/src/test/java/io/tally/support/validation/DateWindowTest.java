package io.tally.support.validation;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DateWindowTest {

	@Test
	void containsTheDatesFrom1900To2199Inclusive() {
		assertThat(DateWindow.contains(LocalDate.parse("1900-01-01"))).isTrue();
		assertThat(DateWindow.contains(LocalDate.parse("2199-12-31"))).isTrue();
		assertThat(DateWindow.contains(LocalDate.parse("1899-12-31"))).isFalse();
		assertThat(DateWindow.contains(LocalDate.parse("2200-01-01"))).isFalse();
		assertThat(DateWindow.contains(LocalDate.parse("0000-01-01"))).isFalse();
		assertThat(DateWindow.contains(LocalDate.MAX)).isFalse();
		assertThat(DateWindow.contains((LocalDate) null)).isFalse();
	}

	@Test
	void containsTheInstantsWhoseUtcDateItContains() {
		assertThat(DateWindow.contains(Instant.parse("1900-01-01T00:00:00Z"))).isTrue();
		assertThat(DateWindow.contains(Instant.parse("2199-12-31T23:59:59.999Z"))).isTrue();
		assertThat(DateWindow.contains(Instant.parse("1899-12-31T23:59:59.999Z"))).isFalse();
		assertThat(DateWindow.contains(Instant.parse("2200-01-01T00:00:00Z"))).isFalse();
		assertThat(DateWindow.contains(Instant.MIN)).isFalse();
		assertThat(DateWindow.contains((Instant) null)).isFalse();
	}

	@Test
	void namesTheWindowInItsMessage() {
		assertThat(DateWindow.MESSAGE).isEqualTo("must lie between 1900-01-01 and 2199-12-31 (UTC)");
	}

}
