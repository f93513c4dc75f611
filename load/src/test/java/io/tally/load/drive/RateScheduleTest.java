package io.tally.load.drive;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateScheduleTest {

	@Test
	void spacesRequestsEvenly() {
		RateSchedule schedule = new RateSchedule(1_000, 500);
		assertThat(schedule.due(0)).isEqualTo(1_000);
		assertThat(schedule.due(1)).isEqualTo(1_000 + 2_000_000);
		assertThat(schedule.due(500)).isEqualTo(1_000 + 1_000_000_000);
	}

	@Test
	void doesNotDriftOverALongRun() {
		// 3 per second does not divide a second into whole nanoseconds
		RateSchedule schedule = new RateSchedule(0, 3);
		long tenDays = 3L * 86_400 * 10;
		assertThat(schedule.due(tenDays)).isEqualTo(86_400L * 10 * 1_000_000_000L);
		assertThat(schedule.due(1)).isEqualTo(333_333_333);
		assertThat(schedule.due(2)).isEqualTo(666_666_667);
	}

	@Test
	void countsTheRequestsDueByAMoment() {
		RateSchedule schedule = new RateSchedule(1_000_000, 1000);
		assertThat(schedule.dueBy(999_999)).isZero();
		assertThat(schedule.dueBy(1_000_000)).isEqualTo(1);
		assertThat(schedule.dueBy(1_000_000 + 999_999)).isEqualTo(1);
		assertThat(schedule.dueBy(1_000_000 + 1_000_000)).isEqualTo(2);
		assertThat(schedule.dueBy(1_000_000 + 1_000_000_000)).isEqualTo(1001);
	}

	@Test
	void needsAPositiveRate() {
		assertThatThrownBy(() -> new RateSchedule(0, 0)).hasMessageContaining("positive");
		assertThatThrownBy(() -> new RateSchedule(0, Double.NaN)).hasMessageContaining("positive");
		assertThatThrownBy(() -> new LoadModel(0, 0)).hasMessageContaining("At least one connection");
	}

}
