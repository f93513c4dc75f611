package io.tally.revenue.deadletter;

/** Where a dead letter stands: waiting for an operator, or handled one of two ways. */
enum DeadLetterStatus {

	/** Indexed, nobody has acted on it yet. */
	PENDING,

	/** Sent back to the event topic (the last action). */
	REDRIVEN,

	/** Marked handled without re-driving, with a reason. */
	DISCARDED

}
