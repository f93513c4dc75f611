package io.tally.revenue.background;

import java.time.Duration;

import io.tally.support.Causes;

import org.springframework.context.SmartLifecycle;

/**
 * A service task on its own thread (the projection rebuild, the reconciliation): started
 * and stopped with the application context, woken early on request, and able to wait
 * without holding up a shutdown.
 */
public abstract class BackgroundWorker implements SmartLifecycle {

	private final String threadName;

	private final Object signal = new Object();

	private boolean signalled;

	private volatile boolean running;

	private Thread thread;

	protected BackgroundWorker(String threadName) {
		this.threadName = threadName;
	}

	/** The work: runs until {@link #isRunning()} turns false. */
	protected abstract void work();

	@Override
	public void start() {
		this.running = true;
		this.thread = new Thread(this::work, this.threadName);
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/** Asks the work to end and waits (up to 15 s) until it has. */
	@Override
	public void stop() {
		this.running = false;
		wakeUp();
		Thread current = this.thread;
		if (current != null) {
			current.interrupt();
			try {
				current.join(Duration.ofSeconds(15).toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Ends the current {@link #pause} early. */
	public void wakeUp() {
		synchronized (this.signal) {
			this.signalled = true;
			this.signal.notifyAll();
		}
	}

	/** Waits up to {@code duration}, less when woken up or stopped. */
	protected void pause(Duration duration) {
		long deadline = System.nanoTime() + duration.toNanos();
		synchronized (this.signal) {
			while (this.running && !this.signalled) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					break;
				}
				try {
					this.signal.wait(Math.max(1, remaining / 1_000_000));
				}
				catch (InterruptedException ex) {
					if (!this.running) {
						break;
					}
				}
			}
			this.signalled = false;
		}
	}

	/**
	 * Waits the whole {@code duration} (a wake-up does not shorten it), less only when
	 * stopped.
	 */
	protected void sleep(Duration duration) {
		long deadline = System.nanoTime() + duration.toNanos();
		long remaining = duration.toNanos();
		while (isRunning() && remaining > 0) {
			pause(Duration.ofNanos(remaining));
			remaining = deadline - System.nanoTime();
		}
	}

	/** The innermost cause as {@code Type: message}, for one log line. */
	protected static String rootMessage(Throwable failure) {
		Throwable root = Causes.root(failure);
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

}
