package io.tally.dashboard.api;

import java.util.List;

/**
 * An RFC 9457 problem answered by invoice-service or revenue-service.
 *
 * @param status the HTTP status
 * @param type the problem type, e.g. {@code urn:tally:problem:validation}
 * @param title short summary
 * @param detail what went wrong with this request
 * @param errors the fields a validation problem names
 */
public record ApiProblem(int status, String type, String title, String detail, List<FieldError> errors) {

	public ApiProblem {
		errors = (errors != null) ? List.copyOf(errors) : List.of();
	}

	/**
	 * One invalid field of a request, as the API names it.
	 *
	 * @param field the API's field name, e.g. {@code amountMinor}
	 * @param message the API's message (English)
	 */
	public record FieldError(String field, String message) {
	}

}
