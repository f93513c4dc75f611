package io.tally.dashboard.invoices;

import java.util.List;
import java.util.Locale;

import io.tally.dashboard.api.ApiProblem;
import org.junit.jupiter.api.Test;

import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemFieldsTest {

	private final ResourceBundleMessageSource messages = messages();

	@Test
	void putsEachApiFieldErrorNextToTheFormFieldInTheUsersLanguage() {
		ApiProblem problem = new ApiProblem(400, "urn:tally:problem:validation", "Invalid request", null,
				List.of(new ApiProblem.FieldError("amountMinor", "must be between 1 and 10000000000000"),
						new ApiProblem.FieldError("paidAt", "must not be in the future")));

		FormErrors errors = ProblemFields.of(problem, this.messages, Locale.GERMAN);

		assertThat(errors.fieldNames()).containsExactly("amount", "paidOn");
		assertThat(errors.of("amount"))
			.containsExactly("Geben Sie einen Betrag über null und höchstens 100.000.000.000 ein.");
		assertThat(errors.of("paidOn")).singleElement().asString().startsWith("Geben Sie ein Zahlungsdatum");
		assertThat(errors.global()).isEmpty();
	}

	@Test
	void keepsErrorsOfFieldsTheFormDoesNotHaveForTheWholeForm() {
		ApiProblem problem = new ApiProblem(400, "urn:tally:problem:validation", "Invalid request", null,
				List.of(new ApiProblem.FieldError("Idempotency-Key", "must be 1 to 255 characters")));

		FormErrors errors = ProblemFields.of(problem, this.messages, Locale.ENGLISH);

		assertThat(errors.fieldNames()).isEmpty();
		assertThat(errors.global()).containsExactly("The request was refused: must be 1 to 255 characters");
	}

	@Test
	void reportsARefusalWithoutFieldsAsSuch() {
		FormErrors errors = ProblemFields.of(new ApiProblem(400, null, "Bad Request", null, null), this.messages,
				Locale.ENGLISH);

		assertThat(errors.any()).isTrue();
		assertThat(errors.global()).containsExactly("The invoice service refused the change.");
	}

	private static ResourceBundleMessageSource messages() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		messages.setAlwaysUseMessageFormat(true);
		return messages;
	}

}
