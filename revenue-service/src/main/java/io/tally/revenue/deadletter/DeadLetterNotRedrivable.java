package io.tally.revenue.deadletter;

/** A dead letter that must not go back to the event topic as it is. */
public class DeadLetterNotRedrivable extends RuntimeException {

	DeadLetterNotRedrivable(long id, String reason) {
		super("Dead letter " + id + " cannot be re-driven: " + reason);
	}

}
