package io.tally.support.problem;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.tally.support.validation.FieldViolation;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * Builds the RFC 9457 problems both services answer with: type
 * {@code urn:tally:problem:<slug>}, a title, the status and a detail; validation problems
 * add {@code errors: [{field, message}]}.
 */
public final class Problems {

	/** Seconds a client should wait before retrying when a dependency is unavailable. */
	public static final int RETRY_AFTER_SECONDS = 5;

	private Problems() {
	}

	/** The problem type of a slug, e.g. {@code urn:tally:problem:not-found}. */
	public static URI type(String slug) {
		return URI.create("urn:tally:problem:" + slug);
	}

	/** A problem of the given status, type slug, title and detail. */
	public static ProblemDetail problem(HttpStatus status, String slug, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type(slug));
		problem.setTitle(title);
		return problem;
	}

	/** A 400 problem listing the invalid fields in {@code errors}. */
	public static ProblemDetail invalid(String slug, String title, String detail, List<FieldViolation> errors) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, slug, title, detail);
		problem.setProperty("errors", List.copyOf(errors));
		return problem;
	}

	/**
	 * The 400 problem of an invalid request ({@code invalid-request}): every violation in
	 * {@code errors}, and all of them in the detail.
	 */
	public static ResponseEntity<Object> invalidRequest(List<FieldViolation> errors) {
		String detail = errors.stream().map((e) -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
		return ResponseEntity.badRequest().body(invalid("invalid-request", "Invalid request", detail, errors));
	}

	/**
	 * A 503 problem with {@code Retry-After}: a dependency (database, registry) is
	 * unreachable, nothing was changed and the client may simply retry.
	 */
	public static ResponseEntity<ProblemDetail> unavailable(String detail) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS))
			.body(problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service unavailable", detail));
	}

	/**
	 * The 500 problem of an unexpected failure: a fixed detail, never a message or a
	 * stack trace, and the {@code errorId} under which the failure was logged.
	 */
	public static ResponseEntity<ProblemDetail> internalError(String errorId) {
		ProblemDetail problem = problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
				"The request could not be completed; quote error id " + errorId + " when reporting it");
		problem.setProperty("errorId", errorId);
		return ResponseEntity.internalServerError().body(problem);
	}

	/**
	 * The type slug of a status when nothing more specific is known: the reason phrase in
	 * lower case with dashes ({@code 405} → {@code method-not-allowed}), except for the
	 * statuses with a slug of their own (413 {@code payload-too-large}, 500
	 * {@code internal-error}, 503 {@code unavailable}).
	 */
	public static String slug(HttpStatusCode status) {
		HttpStatus known = HttpStatus.resolve(status.value());
		if (known == null) {
			return "http-" + status.value();
		}
		return switch (known) {
			case CONTENT_TOO_LARGE -> "payload-too-large";
			case INTERNAL_SERVER_ERROR -> "internal-error";
			case SERVICE_UNAVAILABLE -> "unavailable";
			default -> known.getReasonPhrase().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
		};
	}

}
