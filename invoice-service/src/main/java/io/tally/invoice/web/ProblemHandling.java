package io.tally.invoice.web;

import java.util.List;
import java.util.stream.Collectors;

import io.tally.invoice.invoice.IdempotencyKeyReused;
import io.tally.invoice.invoice.InvoiceChangedConcurrently;
import io.tally.invoice.invoice.InvoiceNotFound;
import io.tally.invoice.invoice.InvoiceVersionMismatch;
import io.tally.support.problem.ProblemHandlingBase;
import io.tally.support.problem.Problems;
import io.tally.support.validation.FieldViolation;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.beans.TypeMismatchException;
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

/**
 * invoice-service's own mappings of failures to RFC 9457 problems (the shared ones come
 * from {@link ProblemHandlingBase}): JSON errors name their fields, the domain's failures
 * their status.
 */
@RestControllerAdvice
class ProblemHandling extends ProblemHandlingBase {

	@Override
	protected String unavailableDetail() {
		return "The database or the schema registry is unreachable; nothing was changed, retry later";
	}

	@ExceptionHandler
	ProblemDetail notFound(InvoiceNotFound ex) {
		return Problems.problem(HttpStatus.NOT_FOUND, "not-found", "Invoice not found", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail stale(InvoiceVersionMismatch ex) {
		return Problems.problem(HttpStatus.PRECONDITION_FAILED, "stale-version", "Version mismatch", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail concurrent(InvoiceChangedConcurrently ex) {
		return Problems.problem(HttpStatus.CONFLICT, "concurrent-change", "Changed concurrently", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail reusedKey(IdempotencyKeyReused ex) {
		return Problems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency-Key reused",
				ex.getMessage());
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Throwable cause = ex.getCause();
		if (cause instanceof UnrecognizedPropertyException unknown) {
			return invalid(path(unknown), "unknown field");
		}
		if (cause instanceof InvalidFormatException format) {
			return invalid(path(format), "invalid value for type " + format.getTargetType().getSimpleName());
		}
		if (cause instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
			return invalid(path(mismatched), "wrong JSON type");
		}
		if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
			return invalid(path(jackson), "invalid value");
		}
		String detail = (cause == null) ? "Request body is missing" : "Request body is not valid JSON";
		return ResponseEntity.badRequest()
			.body(Problems.problem(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed body", detail));
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String field = (ex instanceof MethodArgumentTypeMismatchException argument) ? argument.getName()
				: ex.getPropertyName();
		String type = (ex.getRequiredType() != null) ? ex.getRequiredType().getSimpleName() : "value";
		return invalid(field, "must be a valid " + type);
	}

	private static ResponseEntity<Object> invalid(String field, String message) {
		return Problems.invalidRequest(List.of(new FieldViolation(field, message)));
	}

	private static String path(JacksonException ex) {
		return ex.getPath()
			.stream()
			.map((ref) -> (ref.getPropertyName() != null) ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
			.collect(Collectors.joining("."));
	}

}
