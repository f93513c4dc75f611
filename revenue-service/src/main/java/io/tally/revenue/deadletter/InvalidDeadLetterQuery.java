package io.tally.revenue.deadletter;

/**
 * A filter or paging parameter of the dead-letter endpoints is malformed or out of range.
 */
public class InvalidDeadLetterQuery extends RuntimeException {

	private final String field;

	InvalidDeadLetterQuery(String field, String message) {
		super(message);
		this.field = field;
	}

	/** The offending parameter. */
	public String field() {
		return this.field;
	}

}
