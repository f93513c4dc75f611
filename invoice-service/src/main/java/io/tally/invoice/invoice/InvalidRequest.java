package io.tally.invoice.invoice;

import java.util.List;

/** A request broke the API's validation rules (HTTP 400 with {@code errors}). */
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
