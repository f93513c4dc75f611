package io.tally.load.drive;

/**
 * When each request of a fixed-rate (open-loop) run is due: request {@code i} at
 * {@code start + i / rate}. Computed from {@code i} rather than added up, so the schedule
 * never drifts, however long the run.
 */
public final class RateSchedule {

	private final long start;

	private final double nanosPerRequest;

	/**
	 * A schedule.
	 * @param startNanos when request 0 is due ({@link System#nanoTime()})
	 * @param perSecond requests per second, more than 0
	 */
	public RateSchedule(long startNanos, double perSecond) {
		if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
			throw new IllegalArgumentException("The rate must be a positive number, got " + perSecond);
		}
		this.start = startNanos;
		this.nanosPerRequest = 1e9 / perSecond;
	}

	/** When request {@code i} (from 0) is due. */
	public long due(long i) {
		return this.start + Math.round(i * this.nanosPerRequest);
	}

	/** How many requests are due up to and including {@code nanos}. */
	public long dueBy(long nanos) {
		if (nanos < this.start) {
			return 0;
		}
		return (long) Math.floor((nanos - this.start) / this.nanosPerRequest) + 1;
	}

}
