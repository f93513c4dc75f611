package io.tally.load.measure;

import java.time.Duration;

/** Stopping the harness's sampling threads. */
final class Threads {

	private Threads() {
	}

	/**
	 * Interrupts {@code thread} and waits at most {@code patience} for it to end; an
	 * interrupt of the calling thread meanwhile is kept.
	 */
	static void interruptAndJoin(Thread thread, Duration patience) {
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
