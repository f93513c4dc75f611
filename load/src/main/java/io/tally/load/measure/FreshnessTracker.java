package io.tally.load.measure;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongPredicate;
import java.util.function.LongSupplier;

import io.tally.load.workload.Workload;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Measures freshness: from a create acknowledged by invoice-service to its invoice being
 * visible in {@code GET /api/revenue/customers/{id}}.
 * <p>
 * Each sampled create is for a customer of its own, so "visible" is unambiguous: the
 * customer shows one invoice. One thread polls every pending customer at most once per
 * poll interval. The figure is the time of the first response showing the invoice minus
 * the acknowledgement, so it errs high by at most one poll interval plus one round trip.
 * Samples not visible within the timeout are counted, not measured.
 */
public final class FreshnessTracker implements Workload.FreshnessSampler, AutoCloseable {

	/** Asks revenue-service about one customer. */
	@FunctionalInterface
	public interface Probe {

		/** The invoices revenue shows for {@code customer}; negative when none. */
		long invoiceCount(UUID customer) throws IOException;

	}

	private final Probe probe;

	private final LongSupplier clock;

	private final long pollIntervalNanos;

	private final long timeoutNanos;

	private final LongPredicate measured;

	private final LinkedBlockingQueue<Sample> arrivals = new LinkedBlockingQueue<>();

	private final List<Sample> pending = new ArrayList<>();

	private final Recorder interval = new Recorder(3);

	private final Histogram measuredLatency = new Histogram(3);

	private volatile long samples;

	private volatile long measuredSamples;

	private volatile long visible;

	private volatile long timedOut;

	private volatile long probeErrors;

	private volatile long lastVisibleNanos;

	private final AtomicInteger outstanding = new AtomicInteger();

	private volatile boolean closed;

	private Thread thread;

	private static final class Sample {

		final UUID customer;

		final long acknowledged;

		long nextPoll;

		Sample(UUID customer, long acknowledged) {
			this.customer = customer;
			this.acknowledged = acknowledged;
			this.nextPoll = acknowledged;
		}

	}

	/**
	 * A tracker.
	 * @param probe asks revenue about a customer (used by the tracker's thread only)
	 * @param clock {@link System#nanoTime()}, or a fake in tests
	 * @param pollIntervalNanos the least time between two polls of one customer
	 * @param timeoutNanos when a sample counts as not visible
	 * @param measured whether a sample acknowledged at that time belongs to the measured
	 * phase (warm-up samples are polled but not counted)
	 */
	public FreshnessTracker(Probe probe, LongSupplier clock, long pollIntervalNanos, long timeoutNanos,
			LongPredicate measured) {
		this.probe = probe;
		this.clock = clock;
		this.pollIntervalNanos = pollIntervalNanos;
		this.timeoutNanos = timeoutNanos;
		this.measured = measured;
	}

	@Override
	public void acknowledged(UUID customerId, long acknowledgedNanos) {
		this.outstanding.incrementAndGet();
		this.arrivals.add(new Sample(customerId, acknowledgedNanos));
	}

	/** Starts the polling thread. */
	public synchronized void start() {
		this.thread = new Thread(this::run, "freshness");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private void run() {
		while (!this.closed) {
			long wait = pollOnce();
			try {
				Sample arrival = this.arrivals.poll(Math.max(wait, 50_000), TimeUnit.NANOSECONDS);
				if (arrival != null) {
					this.pending.add(arrival);
				}
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	/**
	 * Polls every pending sample that is due, once.
	 * @return nanoseconds until the next sample is due (long max when none is pending)
	 */
	long pollOnce() {
		this.arrivals.drainTo(this.pending);
		long next = Long.MAX_VALUE;
		for (Iterator<Sample> it = this.pending.iterator(); it.hasNext();) {
			Sample sample = it.next();
			long now = this.clock.getAsLong();
			if (now < sample.nextPoll) {
				next = Math.min(next, sample.nextPoll - now);
				continue;
			}
			long count;
			try {
				count = this.probe.invoiceCount(sample.customer);
			}
			catch (IOException ex) {
				this.probeErrors++;
				count = -1;
			}
			long answered = this.clock.getAsLong();
			if (count >= 1) {
				resolved(sample, answered);
				it.remove();
			}
			else if (answered - sample.acknowledged >= this.timeoutNanos) {
				this.samples++;
				this.timedOut++;
				this.outstanding.decrementAndGet();
				it.remove();
			}
			else {
				sample.nextPoll = now + this.pollIntervalNanos;
				next = Math.min(next, sample.nextPoll - answered);
			}
		}
		return next;
	}

	private void resolved(Sample sample, long visibleAt) {
		long micros = Stats.micros(visibleAt - sample.acknowledged);
		this.samples++;
		this.visible++;
		this.interval.recordValue(micros);
		if (this.measured.test(sample.acknowledged)) {
			synchronized (this.measuredLatency) {
				this.measuredLatency.recordValue(micros);
			}
			this.measuredSamples++;
		}
		this.lastVisibleNanos = visibleAt;
		this.outstanding.decrementAndGet();
	}

	/** Freshness of the samples that became visible since the previous call. */
	public Histogram takeInterval() {
		return this.interval.getIntervalHistogram();
	}

	/** Samples acknowledged but neither visible nor timed out yet. */
	public int outstanding() {
		return this.outstanding.get();
	}

	/** When the latest sample became visible ({@link System#nanoTime()}), or 0. */
	public long lastVisibleNanos() {
		return this.lastVisibleNanos;
	}

	/** The figures so far. */
	public Result result() {
		Histogram copy;
		synchronized (this.measuredLatency) {
			copy = this.measuredLatency.copy();
		}
		return new Result(this.samples, this.visible, this.measuredSamples, this.timedOut, this.outstanding.get(),
				this.probeErrors, copy);
	}

	/**
	 * Freshness figures.
	 *
	 * @param samples samples resolved (visible or timed out), all phases
	 * @param visible samples seen visible, all phases
	 * @param measured samples of the measured phase seen visible
	 * @param timedOut samples never seen visible within the timeout
	 * @param outstanding samples still waiting
	 * @param probeErrors polls that got no usable answer
	 * @param latency ack → visible of the measured samples, in microseconds
	 */
	public record Result(long samples, long visible, long measured, long timedOut, long outstanding, long probeErrors,
			Histogram latency) {

	}

	@Override
	public void close() {
		this.closed = true;
		Thread running;
		synchronized (this) {
			running = this.thread;
		}
		Threads.interruptAndJoin(running, Duration.ofSeconds(5));
	}

}
