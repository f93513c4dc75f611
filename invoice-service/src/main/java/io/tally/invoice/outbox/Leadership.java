package io.tally.invoice.outbox;

import java.time.Duration;

/**
 * What the relay needs of its leadership: whether it may publish at this very moment, and
 * a wait for work (a writer's NOTIFY or a change of leadership).
 */
interface Leadership extends AutoCloseable {

	/** Starts trying to lead (and, once leading, keeping the lease alive). */
	void start();

	/**
	 * Whether this instance holds a valid lease right now; checked before every send, so
	 * a leader that was paused past its lease sends nothing more.
	 */
	boolean holdsLease();

	/**
	 * Waits up to {@code timeout} for work: a NOTIFY from a writer, or leadership gained
	 * or lost.
	 */
	void awaitWork(Duration timeout);

	/**
	 * PostgreSQL backend pid of the session holding the lock, or -1 when not leading.
	 */
	int backendPid();

	/** Gives leadership up and stops trying. */
	@Override
	void close();

}
