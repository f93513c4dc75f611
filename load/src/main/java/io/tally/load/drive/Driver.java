package io.tally.load.drive;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.tally.load.measure.Stats;
import io.tally.load.workload.Mix;
import io.tally.load.workload.Outcome;
import io.tally.load.workload.Workload;

/**
 * Runs the worker threads, one connection pair each (invoice and revenue service).
 * <p>
 * Closed loop: each worker sends its next request as soon as the previous one is
 * answered. Open loop: workers take the next slot of a {@link RateSchedule}, wait for it
 * and send; when every worker is busy the next slot is sent late and its latency, counted
 * from the slot, includes the wait — the harness does not slow down with the system it
 * measures (no coordinated omission).
 */
public final class Driver {

	private final LoadModel model;

	private final Mix mix;

	private final Workload workload;

	private final Stats stats;

	private final AtomicLong taken = new AtomicLong();

	private final AtomicLong sent = new AtomicLong();

	private volatile long endNanos;

	private final List<Thread> workers = new ArrayList<>();

	private volatile boolean stopped;

	private RateSchedule schedule;

	/**
	 * A driver.
	 * @param model closed or open loop
	 * @param mix what each request does
	 * @param workload how requests are made
	 * @param stats where outcomes are recorded
	 */
	public Driver(LoadModel model, Mix mix, Workload workload, Stats stats) {
		this.model = model;
		this.mix = mix;
		this.workload = workload;
		this.stats = stats;
	}

	/**
	 * Starts the workers; they send requests from {@code startNanos} until
	 * {@code endNanos} ({@link System#nanoTime()}).
	 */
	public synchronized void start(long startNanos, long endNanos) {
		this.endNanos = endNanos;
		if (this.model.isOpenLoop()) {
			this.schedule = new RateSchedule(startNanos, this.model.ratePerSecond());
		}
		for (int i = 0; i < this.model.connections(); i++) {
			Runnable loop = this.model.isOpenLoop() ? () -> openLoop(endNanos) : () -> closedLoop(endNanos);
			Thread worker = new Thread(loop, "load-" + i);
			worker.setDaemon(true);
			this.workers.add(worker);
		}
		this.workers.forEach(Thread::start);
	}

	private void closedLoop(long end) {
		SplittableRandom random = new SplittableRandom();
		try (Workload.Session session = this.workload.newSession()) {
			while (!this.stopped) {
				long sent = System.nanoTime();
				if (sent >= end) {
					return;
				}
				Outcome outcome = session.execute(this.mix.next(random));
				long answered = System.nanoTime();
				this.stats.record(outcome, answered - sent, answered - sent);
			}
		}
	}

	private void openLoop(long end) {
		SplittableRandom random = new SplittableRandom();
		try (Workload.Session session = this.workload.newSession()) {
			while (!this.stopped) {
				long due = this.schedule.due(this.taken.getAndIncrement());
				if (due >= end) {
					return;
				}
				for (long wait = due - System.nanoTime(); wait > 0 && !this.stopped; wait = due - System.nanoTime()) {
					LockSupport.parkNanos(wait);
				}
				long sent = System.nanoTime();
				if (this.stopped || sent >= end) {
					// a slot due before the end but reached only after it is not sent:
					// the run is over (unsent() counts them)
					return;
				}
				this.sent.incrementAndGet();
				Outcome outcome = session.execute(this.mix.next(random));
				long answered = System.nanoTime();
				this.stats.record(outcome, answered - due, answered - sent);
			}
		}
	}

	/**
	 * Open loop: requests already due but not yet sent because every connection was busy
	 * (0 in closed loop).
	 */
	public long behind(long nanos) {
		RateSchedule current = this.schedule;
		return (current != null) ? Math.max(0, current.dueBy(Math.min(nanos, this.endNanos - 1)) - this.taken.get())
				: 0;
	}

	/**
	 * Open loop: requests due before the end (or the stop) that were never sent because
	 * the system had fallen that far behind (0 in closed loop).
	 */
	public long unsent(long stoppedAt) {
		RateSchedule current = this.schedule;
		if (current == null) {
			return 0;
		}
		return Math.max(0, current.dueBy(Math.min(this.endNanos, stoppedAt) - 1) - this.sent.get());
	}

	/** Stops the workers early (they finish the request in flight). */
	public void stop() {
		this.stopped = true;
		synchronized (this) {
			this.workers.forEach(LockSupport::unpark);
		}
	}

	/** Waits until every worker has finished. */
	public void awaitDone() throws InterruptedException {
		List<Thread> running;
		synchronized (this) {
			running = List.copyOf(this.workers);
		}
		for (Thread worker : running) {
			worker.join();
		}
	}

}
