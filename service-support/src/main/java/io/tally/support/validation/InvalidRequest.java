package io.tally.support.validation;

import java.util.List;

/**
 * A request broke the rules it is checked against (HTTP 400 problem listing every
 * violation); raised by domain code and controllers alike.
 */
public class InvalidRequest extends RuntimeException {

	private final transient List<FieldViolation> errors;

	public InvalidRequest(List<FieldViolation> errors) {
		super("The request is invalid");
		this.errors = List.copyOf(errors);
	}

	public InvalidRequest(String field, String message) {
		this(List.of(new FieldViolation(field, message)));
	}

	public List<FieldViolation> errors() {
		return this.errors;
	}

}
