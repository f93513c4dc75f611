package io.tally.load.bulk;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppliedWatchTest {

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	/** A clock that only the pauses move. */
	private long now = 1_000 * SECOND;

	@Test
	void returnsWhenTheCountFirstReachesTheTargetWhileItKeepsGrowingSlowly() throws Exception {
		Iterator<Long> counts = List.of(5L, 10L, 10L, 10L, 20L, 30L, 40L, 99L).iterator();
		List<Long> seen = new ArrayList<>();
		long started = this.now;
		AppliedWatch watch = new AppliedWatch(counts::next, () -> this.now, (nanos) -> this.now += nanos, SECOND,
				5 * SECOND);
		long reached = watch.await(40, (count, at) -> seen.add(count));
		assertThat(seen).containsExactly(5L, 10L, 10L, 10L, 20L, 30L, 40L);
		assertThat(reached).as("the poll that saw it").isEqualTo(started + 6 * SECOND);
	}

	@Test
	void givesUpWhenTheCountStaysTheSameForTheStallTime() {
		List<Long> seen = new ArrayList<>();
		AppliedWatch watch = new AppliedWatch(() -> 7, () -> this.now, (nanos) -> this.now += nanos, SECOND,
				3 * SECOND);
		assertThatThrownBy(() -> watch.await(10, (count, at) -> seen.add(count))).isInstanceOf(IOException.class)
			.hasMessage("revenue-service shows 7 of 10 and has shown no more for 3 s");
		assertThat(seen).hasSize(4);
	}

	@Test
	void aFailedReadCountsAsNoProgressUntilTheStallTime() throws Exception {
		List<Object> answers = List.of(5L, new IOException("Connection reset"), 8L, new IOException("Connection reset"),
				new IOException("Connection refused"), new IOException("Connection refused"));
		Iterator<Object> next = answers.iterator();
		AppliedWatch watch = new AppliedWatch(() -> {
			Object answer = next.next();
			if (answer instanceof IOException ex) {
				throw ex;
			}
			return (Long) answer;
		}, () -> this.now, (nanos) -> this.now += nanos, SECOND, 3 * SECOND);
		List<Long> seen = new ArrayList<>();
		assertThatThrownBy(() -> watch.await(10, (count, at) -> seen.add(count))).isInstanceOf(IOException.class)
			.hasMessage("revenue-service has not answered for 3 s: Connection refused");
		assertThat(seen).containsExactly(5L, 8L);
		assertThat(next.hasNext()).isFalse();
	}

}
