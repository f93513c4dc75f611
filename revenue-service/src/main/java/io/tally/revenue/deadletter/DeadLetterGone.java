package io.tally.revenue.deadletter;

/**
 * The dead-letter topic no longer holds the record of an index entry (its retention
 * deleted it), so it cannot be re-driven or shown.
 */
public class DeadLetterGone extends RuntimeException {

	DeadLetterGone(long id, RecordPosition position) {
		super("Dead letter " + id + " is no longer on the topic (" + position
				+ " was deleted by retention); discard it");
	}

}
