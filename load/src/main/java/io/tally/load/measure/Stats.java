package io.tally.load.measure;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.tally.load.workload.Operation;
import io.tally.load.workload.Outcome;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Where workers record every finished request, wait-free: one HdrHistogram recorder per
 * operation for latency (and one for service time), counters of conflicts and of errors
 * by label. One thread takes an interval of it each second.
 */
public final class Stats {

	private final Map<Operation, OperationRecorder> recorders = new EnumMap<>(Operation.class);

	/** Stats for every operation. */
	public Stats() {
		for (Operation operation : Operation.values()) {
			this.recorders.put(operation, new OperationRecorder());
		}
	}

	/**
	 * Records one finished request.
	 * @param outcome how it ended
	 * @param latencyNanos from when it should have been sent to its response (open loop:
	 * from its slot in the schedule, so a stalled system cannot hide its stall)
	 * @param serviceNanos from when it was actually sent to its response
	 */
	public void record(Outcome outcome, long latencyNanos, long serviceNanos) {
		OperationRecorder recorder = this.recorders.get(outcome.operation());
		switch (outcome.kind()) {
			case OK -> {
				recorder.latency.recordValue(micros(latencyNanos));
				recorder.service.recordValue(micros(serviceNanos));
			}
			case CONFLICT -> recorder.conflicts.increment();
			case ERROR -> recorder.errors.computeIfAbsent(outcome.label(), (label) -> new LongAdder()).increment();
		}
	}

	/**
	 * Everything recorded since the previous call (one caller at a time).
	 */
	public Interval takeInterval() {
		Map<Operation, OperationInterval> operations = new EnumMap<>(Operation.class);
		this.recorders.forEach((operation, recorder) -> operations.put(operation, recorder.take()));
		return new Interval(operations);
	}

	static long micros(long nanos) {
		return Math.max(1, nanos / 1000);
	}

	/** One interval of all operations. */
	public record Interval(Map<Operation, OperationInterval> operations) {

	}

	/**
	 * One interval of one operation.
	 *
	 * @param latency latencies of successful requests, in microseconds
	 * @param service service times of successful requests, in microseconds
	 * @param conflicts requests answered 409 or 412
	 * @param errors failed requests by label (status code, {@code io}, …)
	 */
	public record OperationInterval(Histogram latency, Histogram service, long conflicts, Map<String, Long> errors) {

		/** All failed requests. */
		public long errorCount() {
			return this.errors.values().stream().mapToLong(Long::longValue).sum();
		}

	}

	private static final class OperationRecorder {

		final Recorder latency = new Recorder(3);

		final Recorder service = new Recorder(3);

		final LongAdder conflicts = new LongAdder();

		final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

		private long conflictsBefore;

		private final Map<String, Long> errorsBefore = new TreeMap<>();

		OperationInterval take() {
			Histogram latencyInterval = this.latency.getIntervalHistogram();
			Histogram serviceInterval = this.service.getIntervalHistogram();
			long conflictsNow = this.conflicts.sum();
			long conflictDelta = conflictsNow - this.conflictsBefore;
			this.conflictsBefore = conflictsNow;
			Map<String, Long> errorDelta = new TreeMap<>();
			this.errors.forEach((label, adder) -> {
				long now = adder.sum();
				long delta = now - this.errorsBefore.getOrDefault(label, 0L);
				this.errorsBefore.put(label, now);
				if (delta > 0) {
					errorDelta.put(label, delta);
				}
			});
			return new OperationInterval(latencyInterval, serviceInterval, conflictDelta, errorDelta);
		}

	}

}
