package io.tally.revenue.revenue;

/** A query parameter is malformed or out of range. */
public class InvalidRevenueQuery extends RuntimeException {

	private final String field;

	InvalidRevenueQuery(String field, String message) {
		super(message);
		this.field = field;
	}

	/** The offending parameter. */
	public String field() {
		return this.field;
	}

}
