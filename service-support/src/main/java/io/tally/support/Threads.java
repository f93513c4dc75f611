package io.tally.support;

import java.time.Duration;

/** Stopping the background threads the services run (registration, relay, watchers). */
public final class Threads {

	private Threads() {
	}

	/**
	 * Interrupts {@code thread} (also ending a blocking call it waits in) and waits at
	 * most {@code patience} for it to end; an interrupt of the calling thread meanwhile
	 * is kept.
	 * @param thread the thread to stop, or {@code null} when none runs
	 * @param patience the longest wait
	 */
	public static void interruptAndJoin(Thread thread, Duration patience) {
		if (thread == null) {
			return;
		}
		thread.interrupt();
		try {
			thread.join(patience.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
