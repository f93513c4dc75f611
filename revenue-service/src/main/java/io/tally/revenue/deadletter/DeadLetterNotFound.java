package io.tally.revenue.deadletter;

/** No dead letter has this id. */
public class DeadLetterNotFound extends RuntimeException {

	DeadLetterNotFound(long id) {
		super("No dead letter with id " + id);
	}

}
