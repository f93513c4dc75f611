package io.tally.invoice.web;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import io.tally.invoice.invoice.IdempotencyKeyReused;
import io.tally.invoice.invoice.FieldViolation;
import io.tally.invoice.invoice.InvalidRequest;
import io.tally.invoice.invoice.InvoiceChangedConcurrently;
import io.tally.invoice.invoice.InvoiceNotFound;
import io.tally.invoice.invoice.InvoiceVersionMismatch;

import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place that turns failures into RFC 9457 problems: validation errors list their
 * fields, and nothing ever answers with a stack trace.
 */
@RestControllerAdvice
class ProblemHandling extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);

	static URI type(String slug) {
		return URI.create("urn:tally:problem:" + slug);
	}

	@ExceptionHandler
	ResponseEntity<Object> invalid(InvalidRequest ex) {
		return validation(ex.errors());
	}

	@ExceptionHandler
	ProblemDetail notFound(InvoiceNotFound ex) {
		return problem(HttpStatus.NOT_FOUND, "not-found", "Invoice not found", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail stale(InvoiceVersionMismatch ex) {
		return problem(HttpStatus.PRECONDITION_FAILED, "stale-version", "Version mismatch", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail concurrent(InvoiceChangedConcurrently ex) {
		return problem(HttpStatus.CONFLICT, "concurrent-change", "Changed concurrently", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail reusedKey(IdempotencyKeyReused ex) {
		return problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency-Key reused",
				ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unexpected(Exception ex) {
		if (dependencyDown(ex)) {
			// the transaction rolled back: nothing was written, the client may simply
			// retry
			log.warn("Request failed, a dependency is unavailable: {}", ex.getMessage());
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.header(HttpHeaders.RETRY_AFTER, "5")
				.body(problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service unavailable",
						"The database or the schema registry is unreachable; nothing was changed, retry later"));
		}
		log.error("Unexpected failure", ex);
		return ResponseEntity.internalServerError()
			.body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
					"The request could not be completed"));
	}

	private static boolean dependencyDown(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			// the outbox reports an unreachable schema registry this way too
			if (cause instanceof DataAccessResourceFailureException) {
				return true;
			}
		}
		return false;
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof PayloadTooLarge) {
				return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
					.body(problem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Content Too Large",
							cause.getMessage()));
			}
		}
		Throwable cause = ex.getCause();
		if (cause instanceof UnrecognizedPropertyException unknown) {
			return validation(List.of(new FieldViolation(path(unknown), "unknown field")));
		}
		if (cause instanceof InvalidFormatException format) {
			return validation(List.of(new FieldViolation(path(format),
					"invalid value for type " + format.getTargetType().getSimpleName())));
		}
		if (cause instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
			return validation(List.of(new FieldViolation(path(mismatched), "wrong JSON type")));
		}
		if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
			return validation(List.of(new FieldViolation(path(jackson), "invalid value")));
		}
		String detail = (cause == null) ? "Request body is missing" : "Request body is not valid JSON";
		return ResponseEntity.badRequest()
			.body(problem(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed body", detail));
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String field = (ex instanceof MethodArgumentTypeMismatchException argument) ? argument.getName()
				: ex.getPropertyName();
		String type = (ex.getRequiredType() != null) ? ex.getRequiredType().getSimpleName() : "value";
		return validation(List.of(new FieldViolation(field, "must be a valid " + type)));
	}

	private ResponseEntity<Object> validation(List<FieldViolation> errors) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
				errors.stream().map((e) -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
		problem.setProperty("errors", errors);
		return ResponseEntity.badRequest().body(problem);
	}

	private static ProblemDetail problem(HttpStatus status, String slug, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type(slug));
		problem.setTitle(title);
		return problem;
	}

	private static String path(JacksonException ex) {
		return ex.getPath()
			.stream()
			.map((ref) -> (ref.getPropertyName() != null) ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
			.collect(Collectors.joining("."));
	}

}
