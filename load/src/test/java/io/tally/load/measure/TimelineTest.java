package io.tally.load.measure;

import java.util.concurrent.atomic.AtomicLong;

import io.tally.load.workload.Operation;
import io.tally.load.workload.Outcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineTest {

	private static final long S = 1_000_000_000L;

	private final Stats stats = new Stats();

	private final AtomicLong cpu = new AtomicLong();

	// warm-up from 0 to 2 s, measured from 2 s to 4 s
	private final Timeline timeline = new Timeline(0, 2 * S, 4 * S, this.stats, null, null, this.cpu::get);

	@Test
	void excludesTheWarmUpAndTheTailFromTheFigures() {
		record(Operation.CREATE, Outcome.Kind.OK, "201", 900, 10);
		this.timeline.tick(1 * S, 1 * S);
		record(Operation.CREATE, Outcome.Kind.OK, "201", 900, 10);
		this.timeline.tick(2 * S, 2 * S);
		record(Operation.CREATE, Outcome.Kind.OK, "201", 5, 100);
		this.timeline.tick(3 * S, 3 * S);
		record(Operation.CREATE, Outcome.Kind.OK, "201", 7, 100);
		this.timeline.tick(4 * S, 4 * S);
		record(Operation.CREATE, Outcome.Kind.OK, "201", 900, 1);
		Timeline.Point tail = this.timeline.tick(4 * S + 1, 4 * S + 1000);

		Timeline.OperationResult create = this.timeline.results().get(Operation.CREATE);
		assertThat(create.count()).isEqualTo(200);
		assertThat(create.latency().getMaxValue()).as("µs").isBetween(6_990L, 7_010L);
		assertThat(this.timeline.measuredSeconds()).isEqualTo(2.0);
		assertThat(tail.phase()).isEqualTo(Timeline.Phase.TAIL);
		assertThat(this.timeline.points()).extracting(Timeline.Point::phase)
			.containsExactly(Timeline.Phase.WARMUP, Timeline.Phase.WARMUP, Timeline.Phase.MEASURE,
					Timeline.Phase.MEASURE, Timeline.Phase.TAIL);
	}

	@Test
	void reportsEachSecondsRateAndPercentiles() {
		this.timeline.tick(2 * S, 2 * S);
		for (int i = 1; i <= 100; i++) {
			this.stats.record(new Outcome(Operation.SUMMARY, Outcome.Kind.OK, "200"), i * 100_000L, i * 100_000L);
		}
		this.cpu.set(S / 4);
		Timeline.Point point = this.timeline.tick(3 * S, 3 * S);
		assertThat(point.total().count()).isEqualTo(100);
		assertThat(point.total().perSecond()).isEqualTo(100.0);
		assertThat(point.total().p50Ms()).isBetween(4.99, 5.01);
		assertThat(point.total().p99Ms()).isBetween(9.89, 9.91);
		assertThat(point.operations()).containsOnlyKeys(Operation.SUMMARY);
		assertThat(point.clientCpuCores()).isEqualTo(0.25);
		assertThat(point.at()).isEqualTo(3.0);
	}

	@Test
	void countsConflictsApartFromErrorsAndErrorsByStatus() {
		this.timeline.tick(2 * S, 2 * S);
		record(Operation.UPDATE, Outcome.Kind.CONFLICT, "412", 1, 3);
		record(Operation.UPDATE, Outcome.Kind.ERROR, "503", 1, 2);
		record(Operation.CREATE, Outcome.Kind.ERROR, "io", 1, 1);
		record(Operation.UPDATE, Outcome.Kind.OK, "200", 1, 4);
		Timeline.Point point = this.timeline.tick(3 * S, 3 * S);
		assertThat(point.total().conflicts()).isEqualTo(3);
		assertThat(point.total().errors()).isEqualTo(3);
		assertThat(point.errors()).containsEntry("503", 2L).containsEntry("io", 1L);
		assertThat(point.total().count()).as("only successes are counted as throughput").isEqualTo(4);
		Timeline.OperationResult update = this.timeline.results().get(Operation.UPDATE);
		assertThat(update.conflicts()).isEqualTo(3);
		assertThat(update.errors()).containsExactlyEntriesOf(java.util.Map.of("503", 2L));
		assertThat(this.timeline.total().errorCount()).isEqualTo(3);
		// the next second starts from zero
		assertThat(this.timeline.tick(4 * S, 4 * S).total().errors()).isZero();
	}

	@Test
	void anEarlyStopShortensTheMeasuredTime() {
		this.timeline.stoppedAt(3 * S);
		assertThat(this.timeline.measuredSeconds()).isEqualTo(1.0);
		assertThat(this.timeline.isMeasured(3 * S)).isFalse();
		assertThat(this.timeline.isMeasured(2 * S)).isTrue();
	}

	private void record(Operation operation, Outcome.Kind kind, String label, long millis, int times) {
		for (int i = 0; i < times; i++) {
			this.stats.record(new Outcome(operation, kind, label), millis * 1_000_000, millis * 1_000_000);
		}
	}

}
