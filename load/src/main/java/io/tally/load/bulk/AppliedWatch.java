package io.tally.load.bulk;

import java.io.IOException;
import java.util.function.LongSupplier;

/**
 * Polls what revenue-service shows until it reaches a count, for as long as the count
 * keeps growing: a projection that applies ten thousand events a second needs minutes for
 * a million, one that stopped (or dead-letters the events) is given up on after a stall.
 */
final class AppliedWatch {

	/** The count revenue-service shows now. */
	@FunctionalInterface
	interface Count {

		long read() throws IOException;

	}

	/** Waits between two polls. */
	@FunctionalInterface
	interface Pause {

		void pause(long nanos) throws InterruptedException;

	}

	/** Told every count read and when ({@link System#nanoTime()}). */
	@FunctionalInterface
	interface Listener {

		void polled(long count, long atNanos);

	}

	private final Count count;

	private final LongSupplier clock;

	private final Pause pause;

	private final long pollNanos;

	private final long stallNanos;

	/**
	 * A watch.
	 * @param count reads the count
	 * @param clock {@link System#nanoTime()}
	 * @param pause waits (a sleep)
	 * @param pollNanos the time between two polls
	 * @param stallNanos how long the count may stay the same before the watch gives up
	 */
	AppliedWatch(Count count, LongSupplier clock, Pause pause, long pollNanos, long stallNanos) {
		this.count = count;
		this.clock = clock;
		this.pause = pause;
		this.pollNanos = pollNanos;
		this.stallNanos = stallNanos;
	}

	/**
	 * Polls until the count reaches {@code target}.
	 * @return when it was first seen there ({@link System#nanoTime()})
	 * @throws IOException when a read fails, or the count did not grow for the stall time
	 */
	long await(long target, Listener listener) throws IOException, InterruptedException {
		long last = Long.MIN_VALUE;
		long grewAt = this.clock.getAsLong();
		IOException failure = null;
		while (true) {
			long now = this.clock.getAsLong();
			try {
				long seen = this.count.read();
				failure = null;
				listener.polled(seen, now);
				if (seen >= target) {
					return now;
				}
				if (seen != last) {
					last = seen;
					grewAt = now;
				}
			}
			catch (IOException ex) {
				// a reset connection, a restarting service: a stall if it lasts
				failure = ex;
			}
			if (now - grewAt >= this.stallNanos) {
				long stalled = Math.round((now - grewAt) / 1e9);
				throw (failure != null) ? new IOException(
						"revenue-service has not answered for " + stalled + " s: " + failure.getMessage(), failure)
						: new IOException("revenue-service shows " + last + " of " + target
								+ " and has shown no more for " + stalled + " s");
			}
			this.pause.pause(this.pollNanos);
		}
	}

}
