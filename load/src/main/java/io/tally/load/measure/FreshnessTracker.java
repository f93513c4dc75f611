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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
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
 * customer shows one invoice. Each pending sample is asked about by one of several
 * probing threads, each with a connection of its own, at most once per poll interval. A
 * probe either asks and returns at once (polling), or names the change in revenue's
 * {@code Tally-After} header, so that the server answers when its projection includes it
 * (waiting): polling a few hundred samples a second every millisecond is itself a load on
 * revenue-service that delays what it measures, waiting costs one request per sample.
 * With one thread probing the samples in turn, the tracker would measure its own queue
 * (the first version did: seconds of "freshness" on a saturated machine whose consumer
 * had no lag). The figure is the time of the first response showing the invoice minus the
 * acknowledgement; polling errs high by at most one poll interval plus one round trip,
 * waiting by the server's notice of the commit plus one round trip. Samples not visible
 * within the timeout are counted, not measured.
 */
public final class FreshnessTracker implements Workload.FreshnessSampler, AutoCloseable {

	/** Asks revenue-service about one customer. */
	@FunctionalInterface
	public interface Probe {

		/**
		 * The invoices revenue shows for {@code customer}; negative when none.
		 * {@code change} names the sampled create ({@code <invoiceId>:<version>}, or
		 * null), for a probe that asks the server to wait for it.
		 */
		long invoiceCount(UUID customer, String change) throws IOException;

	}

	private final List<Probe> probes;

	private final LongSupplier clock;

	private final long pollIntervalNanos;

	private final long timeoutNanos;

	private final LongPredicate measured;

	/** New samples, and polled samples not visible yet, back to the scheduling thread. */
	private final LinkedBlockingQueue<Sample> returned = new LinkedBlockingQueue<>();

	/** Samples due for a poll, taken by the polling threads. */
	private final LinkedBlockingQueue<Sample> due = new LinkedBlockingQueue<>();

	/** Waiting samples; the scheduling thread's alone. */
	private final List<Sample> pending = new ArrayList<>();

	private final Recorder interval = new Recorder(3);

	private final Histogram measuredLatency = new Histogram(3);

	private final AtomicLong samples = new AtomicLong();

	private final AtomicLong measuredSamples = new AtomicLong();

	private final AtomicLong visible = new AtomicLong();

	private final AtomicLong timedOut = new AtomicLong();

	private final AtomicLong probeErrors = new AtomicLong();

	private final AtomicLong lastVisibleNanos = new AtomicLong();

	private final AtomicInteger outstanding = new AtomicInteger();

	private volatile boolean closed;

	private final List<Thread> threads = new ArrayList<>();

	private static final class Sample {

		final UUID customer;

		final String change;

		final long acknowledged;

		// written by the thread that polled it, read by the scheduler after the hand-over
		// through a queue
		long nextPoll;

		Sample(UUID customer, String change, long acknowledged) {
			this.customer = customer;
			this.change = change;
			this.acknowledged = acknowledged;
			this.nextPoll = acknowledged;
		}

	}

	/**
	 * A tracker polling with one thread.
	 * @see #FreshnessTracker(List, LongSupplier, long, long, LongPredicate)
	 */
	public FreshnessTracker(Probe probe, LongSupplier clock, long pollIntervalNanos, long timeoutNanos,
			LongPredicate measured) {
		this(List.of(probe), clock, pollIntervalNanos, timeoutNanos, measured);
	}

	/**
	 * A tracker.
	 * @param probes one per polling thread, each used by its thread only
	 * @param clock {@link System#nanoTime()}, or a fake in tests
	 * @param pollIntervalNanos the least time between two polls of one customer
	 * @param timeoutNanos when a sample counts as not visible
	 * @param measured whether a sample acknowledged at that time belongs to the measured
	 * phase (warm-up samples are polled but not counted)
	 */
	public FreshnessTracker(List<Probe> probes, LongSupplier clock, long pollIntervalNanos, long timeoutNanos,
			LongPredicate measured) {
		if (probes.isEmpty()) {
			throw new IllegalArgumentException("At least one probe is needed");
		}
		this.probes = List.copyOf(probes);
		this.clock = clock;
		this.pollIntervalNanos = pollIntervalNanos;
		this.timeoutNanos = timeoutNanos;
		this.measured = measured;
	}

	@Override
	public void acknowledged(UUID customerId, String change, long acknowledgedNanos) {
		this.outstanding.incrementAndGet();
		this.returned.add(new Sample(customerId, change, acknowledgedNanos));
	}

	/** Starts the scheduling thread and one probing thread per probe. */
	public synchronized void start() {
		for (int i = 0; i < this.probes.size(); i++) {
			Probe probe = this.probes.get(i);
			this.threads.add(daemon(() -> poll(probe), "freshness-poll-" + (i + 1)));
		}
		this.threads.add(daemon(this::schedule, "freshness"));
	}

	private static Thread daemon(Runnable task, String name) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	private void schedule() {
		while (!this.closed) {
			long wait = pollOnce(this.due::add);
			try {
				Sample back = this.returned.poll(Math.max(wait, 50_000), TimeUnit.NANOSECONDS);
				if (back != null) {
					this.pending.add(back);
				}
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	private void poll(Probe probe) {
		while (!this.closed) {
			try {
				probe(probe, this.due.take());
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	/**
	 * Polls every pending sample that is due, once, on the calling thread with the first
	 * probe (how tests drive the tracker on a fake clock).
	 * @return nanoseconds until the next sample is due (long max when none is pending)
	 */
	long pollOnce() {
		return pollOnce((sample) -> probe(this.probes.get(0), sample));
	}

	private long pollOnce(Consumer<Sample> poll) {
		this.returned.drainTo(this.pending);
		for (Iterator<Sample> it = this.pending.iterator(); it.hasNext();) {
			Sample sample = it.next();
			if (this.clock.getAsLong() >= sample.nextPoll) {
				// out of the list while it is being polled; it comes back through
				// returned
				it.remove();
				poll.accept(sample);
			}
		}
		// polled on this thread and not visible yet: back already
		this.returned.drainTo(this.pending);
		long now = this.clock.getAsLong();
		long next = Long.MAX_VALUE;
		for (Sample sample : this.pending) {
			next = Math.min(next, Math.max(0, sample.nextPoll - now));
		}
		return next;
	}

	private void probe(Probe probe, Sample sample) {
		long sent = this.clock.getAsLong();
		long count;
		try {
			count = probe.invoiceCount(sample.customer, sample.change);
		}
		catch (IOException ex) {
			this.probeErrors.incrementAndGet();
			count = -1;
		}
		long answered = this.clock.getAsLong();
		if (count >= 1) {
			resolved(sample, answered);
		}
		else if (answered - sample.acknowledged >= this.timeoutNanos) {
			this.samples.incrementAndGet();
			this.timedOut.incrementAndGet();
			this.outstanding.decrementAndGet();
		}
		else {
			sample.nextPoll = sent + this.pollIntervalNanos;
			this.returned.add(sample);
		}
	}

	private void resolved(Sample sample, long visibleAt) {
		long micros = Stats.micros(visibleAt - sample.acknowledged);
		this.samples.incrementAndGet();
		this.visible.incrementAndGet();
		this.interval.recordValue(micros);
		if (this.measured.test(sample.acknowledged)) {
			synchronized (this.measuredLatency) {
				this.measuredLatency.recordValue(micros);
			}
			this.measuredSamples.incrementAndGet();
		}
		this.lastVisibleNanos.accumulateAndGet(visibleAt, Math::max);
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
		return this.lastVisibleNanos.get();
	}

	/** The figures so far. */
	public Result result() {
		Histogram copy;
		synchronized (this.measuredLatency) {
			copy = this.measuredLatency.copy();
		}
		return new Result(this.samples.get(), this.visible.get(), this.measuredSamples.get(), this.timedOut.get(),
				this.outstanding.get(), this.probeErrors.get(), copy);
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
		List<Thread> running;
		synchronized (this) {
			running = List.copyOf(this.threads);
		}
		for (Thread thread : running) {
			Threads.interruptAndJoin(thread, Duration.ofSeconds(5));
		}
	}

}
