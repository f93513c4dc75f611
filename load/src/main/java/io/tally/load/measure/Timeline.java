package io.tally.load.measure;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

import io.tally.load.workload.Operation;
import org.HdrHistogram.Histogram;

/**
 * Turns the recorded requests into a per-second series and, for the measured phase only,
 * cumulative figures per operation. One thread calls {@link #tick} at each boundary
 * (every second, plus the end of the warm-up and the end of the run), so no interval
 * straddles two phases.
 */
public final class Timeline {

	/** Which part of the run an interval belongs to. */
	public enum Phase {

		/** Before the measurement: excluded from the figures. */
		WARMUP,
		/** The measurement. */
		MEASURE,
		/** Requests that were in flight when the run ended: excluded. */
		TAIL

	}

	private final long start;

	private final long measureFrom;

	private volatile long measureTo;

	private final Stats stats;

	private final FreshnessTracker freshness;

	private final ServiceMetrics metrics;

	private final LongSupplier clientCpuNanos;

	private final List<Point> points = Collections.synchronizedList(new ArrayList<>());

	private final Map<Operation, Cumulative> cumulative = new EnumMap<>(Operation.class);

	private long previousTick;

	private long previousCpu;

	/**
	 * A timeline; times are {@link System#nanoTime()} values.
	 * @param start when the run (its warm-up) started
	 * @param measureFrom when the measurement starts
	 * @param measureTo when it ends
	 * @param stats the recorded requests
	 * @param freshness the freshness tracker, or null
	 * @param metrics the service metrics, or null
	 */
	public Timeline(long start, long measureFrom, long measureTo, Stats stats, FreshnessTracker freshness,
			ServiceMetrics metrics) {
		this(start, measureFrom, measureTo, stats, freshness, metrics, Timeline::processCpuNanos);
	}

	Timeline(long start, long measureFrom, long measureTo, Stats stats, FreshnessTracker freshness,
			ServiceMetrics metrics, LongSupplier clientCpuNanos) {
		this.start = start;
		this.measureFrom = measureFrom;
		this.measureTo = measureTo;
		this.stats = stats;
		this.freshness = freshness;
		this.metrics = metrics;
		this.clientCpuNanos = clientCpuNanos;
		this.previousTick = start;
		this.previousCpu = clientCpuNanos.getAsLong();
		for (Operation operation : Operation.values()) {
			this.cumulative.put(operation, new Cumulative());
		}
	}

	/**
	 * Whether a request finished (or a sample was acknowledged) at {@code nanos} is
	 * measured.
	 */
	public boolean isMeasured(long nanos) {
		return nanos >= this.measureFrom && nanos < this.measureTo;
	}

	/** The run was stopped early at {@code nanos}: the measurement ends there. */
	public void stoppedAt(long nanos) {
		if (nanos < this.measureTo) {
			this.measureTo = Math.max(nanos, this.measureFrom);
		}
	}

	/** The measured time, in seconds. */
	public double measuredSeconds() {
		return (this.measureTo - this.measureFrom) / 1e9;
	}

	/**
	 * Closes the interval that ends at {@code boundary} (its phase is that of the
	 * boundary; {@code now} is when the tick actually happens).
	 */
	public Point tick(long boundary, long now) {
		Phase phase = (boundary <= this.measureFrom) ? Phase.WARMUP
				: (boundary <= this.measureTo) ? Phase.MEASURE : Phase.TAIL;
		Stats.Interval interval = this.stats.takeInterval();
		double seconds = Math.max(1e-9, (now - this.previousTick) / 1e9);
		this.previousTick = now;
		Map<Operation, OperationPoint> operations = new EnumMap<>(Operation.class);
		Histogram all = new Histogram(3);
		long conflicts = 0;
		Map<String, Long> errors = new TreeMap<>();
		for (Map.Entry<Operation, Stats.OperationInterval> entry : interval.operations().entrySet()) {
			Stats.OperationInterval op = entry.getValue();
			if (op.latency().getTotalCount() > 0 || op.conflicts() > 0 || op.errorCount() > 0) {
				operations.put(entry.getKey(),
						OperationPoint.of(op.latency(), seconds, op.conflicts(), op.errorCount()));
			}
			all.add(op.latency());
			conflicts += op.conflicts();
			op.errors().forEach((label, count) -> errors.merge(label, count, Long::sum));
			if (phase == Phase.MEASURE) {
				this.cumulative.get(entry.getKey()).add(op);
			}
		}
		long errorCount = errors.values().stream().mapToLong(Long::longValue).sum();
		Histogram fresh = (this.freshness != null) ? this.freshness.takeInterval() : null;
		long cpu = this.clientCpuNanos.getAsLong();
		double clientCores = (cpu - this.previousCpu) / 1e9 / seconds;
		this.previousCpu = cpu;
		Point point = new Point((now - this.start) / 1e9, seconds, phase, operations,
				OperationPoint.of(all, seconds, conflicts, errorCount), errors,
				(fresh != null && fresh.getTotalCount() > 0) ? fresh.getTotalCount() : 0,
				(fresh != null && fresh.getTotalCount() > 0) ? millis(fresh.getValueAtPercentile(99)) : null,
				(this.metrics != null) ? this.metrics.latest() : null, clientCores);
		this.points.add(point);
		return point;
	}

	/** Every interval so far. */
	public List<Point> points() {
		synchronized (this.points) {
			return List.copyOf(this.points);
		}
	}

	/** The cumulative figures of the measured phase so far. */
	public Map<Operation, OperationResult> results() {
		Map<Operation, OperationResult> results = new EnumMap<>(Operation.class);
		this.cumulative.forEach((operation, sums) -> {
			if (sums.latency.getTotalCount() > 0 || sums.conflicts > 0 || !sums.errors.isEmpty()) {
				results.put(operation, sums.result(operation.key()));
			}
		});
		return results;
	}

	/** All operations of the measured phase together. */
	public OperationResult total() {
		Cumulative total = new Cumulative();
		this.cumulative.values().forEach(total::add);
		return total.result("total");
	}

	static double millis(long micros) {
		return micros / 1000.0;
	}

	private static long processCpuNanos() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			return os.getProcessCpuTime();
		}
		return 0;
	}

	/**
	 * One operation (or all) in one interval.
	 *
	 * @param count successful requests
	 * @param perSecond successful requests per second
	 * @param p50Ms median latency
	 * @param p99Ms 99th percentile latency
	 * @param maxMs largest latency
	 * @param conflicts 409/412 answers
	 * @param errors failed requests
	 */
	public record OperationPoint(long count, double perSecond, double p50Ms, double p99Ms, double maxMs, long conflicts,
			long errors) {

		static OperationPoint of(Histogram latency, double seconds, long conflicts, long errors) {
			long count = latency.getTotalCount();
			return new OperationPoint(count, Math.round(count / seconds * 10) / 10.0,
					(count > 0) ? millis(latency.getValueAtPercentile(50)) : 0,
					(count > 0) ? millis(latency.getValueAtPercentile(99)) : 0,
					(count > 0) ? millis(latency.getMaxValue()) : 0, conflicts, errors);
		}

	}

	/**
	 * One interval of the run.
	 *
	 * @param at seconds from the start of the run to the end of this interval
	 * @param seconds the interval's length
	 * @param phase warm-up, measurement or tail
	 * @param operations per operation
	 * @param total all operations together
	 * @param errors failed requests by label
	 * @param freshnessSamples samples that became visible in this interval
	 * @param freshnessP99Ms their 99th percentile, or null
	 * @param services the latest scrape of the services, or null
	 * @param clientCpuCores CPU the harness itself used, in cores
	 */
	public record Point(double at, double seconds, Phase phase, Map<Operation, OperationPoint> operations,
			OperationPoint total, Map<String, Long> errors, long freshnessSamples, Double freshnessP99Ms,
			ServiceMetrics.Snapshot services, double clientCpuCores) {

		/** A figure of the services' scrape, or null when there was none. */
		public Double service(Function<ServiceMetrics.Snapshot, Double> figure) {
			return (this.services != null) ? figure.apply(this.services) : null;
		}

	}

	/**
	 * The measured phase of one operation (or all).
	 *
	 * @param name the operation's key, or {@code total}
	 * @param count successful requests
	 * @param conflicts 409/412 answers
	 * @param errors failed requests by label
	 * @param latency latency of successful requests, microseconds
	 * @param service service time of successful requests, microseconds
	 */
	public record OperationResult(String name, long count, long conflicts, Map<String, Long> errors, Histogram latency,
			Histogram service) {

		/** All failed requests. */
		public long errorCount() {
			return this.errors.values().stream().mapToLong(Long::longValue).sum();
		}

	}

	private static final class Cumulative {

		final Histogram latency = new Histogram(3);

		final Histogram service = new Histogram(3);

		long conflicts;

		final Map<String, Long> errors = new TreeMap<>();

		void add(Stats.OperationInterval interval) {
			this.latency.add(interval.latency());
			this.service.add(interval.service());
			this.conflicts += interval.conflicts();
			interval.errors().forEach((label, count) -> this.errors.merge(label, count, Long::sum));
		}

		void add(Cumulative other) {
			this.latency.add(other.latency);
			this.service.add(other.service);
			this.conflicts += other.conflicts;
			other.errors.forEach((label, count) -> this.errors.merge(label, count, Long::sum));
		}

		OperationResult result(String name) {
			return new OperationResult(name, this.latency.getTotalCount(), this.conflicts, new TreeMap<>(this.errors),
					this.latency.copy(), this.service.copy());
		}

	}

}
