package io.tally.load.workload;

/**
 * How one request ended.
 *
 * @param operation the operation actually performed (an update with no invoice to change
 * falls back to a create)
 * @param kind success, conflict or error
 * @param label the status code, or {@code io}, {@code timeout} or {@code token} when
 * there was no response
 */
public record Outcome(Operation operation, Kind kind, String label) {

	/** The three ways a request can end. */
	public enum Kind {

		/** The expected status. */
		OK,
		/** 409 or 412: the invoice changed under the request; not an error. */
		CONFLICT,
		/** Anything else, including no response at all. */
		ERROR

	}

	static Outcome of(Operation operation, int status, int expected) {
		if (status == expected) {
			return new Outcome(operation, Kind.OK, Integer.toString(status));
		}
		if (operation.isWrite() && (status == 409 || status == 412)) {
			return new Outcome(operation, Kind.CONFLICT, Integer.toString(status));
		}
		return new Outcome(operation, Kind.ERROR, Integer.toString(status));
	}

}
