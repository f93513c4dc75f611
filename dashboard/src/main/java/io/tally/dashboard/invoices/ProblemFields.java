package io.tally.dashboard.invoices;

import java.util.Locale;
import java.util.Map;

import io.tally.dashboard.api.ApiProblem;

import org.springframework.context.MessageSource;

/**
 * Puts the field errors of invoice-service's validation problems next to the form's
 * fields: the API's field names map to the form's, and each gets the localized message of
 * that field, or the API's own text when the bundle has none.
 */
final class ProblemFields {

	/** API field → form field. */
	static final Map<String, String> FIELDS = Map.of("customerId", "customerId", "amountMinor", "amount", "currency",
			"currency", "status", "status", "issueDate", "issueDate", "paidAt", "paidOn");

	private ProblemFields() {
	}

	static FormErrors of(ApiProblem problem, MessageSource messages, Locale locale) {
		FormErrors errors = new FormErrors();
		for (ApiProblem.FieldError error : problem.errors()) {
			String field = FIELDS.get(error.field());
			if (field == null) {
				errors.global(messages.getMessage("invoice.error.request", new Object[] { error.message() }, locale));
				continue;
			}
			errors.field(field, messages.getMessage("invoice.error." + field, null, error.message(), locale));
		}
		if (!errors.any()) {
			errors.global(messages.getMessage("invoice.error.rejected", null, locale));
		}
		return errors;
	}

}
