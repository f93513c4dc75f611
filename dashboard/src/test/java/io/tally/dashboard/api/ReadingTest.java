package io.tally.dashboard.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReadingTest {

	@Test
	void tellsWhetherTheUsersChangesAreIncludedOnlyWhenTheServiceSaysSo() {
		assertThat(Reading.Consistency.of("included", true)).isEqualTo(Reading.Consistency.INCLUDED);
		assertThat(Reading.Consistency.of("stale", true)).isEqualTo(Reading.Consistency.STALE);
		assertThat(Reading.Consistency.of(null, true)).isEqualTo(Reading.Consistency.NOT_ASKED);
		assertThat(Reading.Consistency.of("included", false)).isEqualTo(Reading.Consistency.NOT_ASKED);
	}

}
