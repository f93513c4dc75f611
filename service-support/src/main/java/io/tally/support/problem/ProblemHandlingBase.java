package io.tally.support.problem;

import java.net.URI;
import java.util.UUID;

import io.tally.support.Causes;
import io.tally.support.validation.InvalidRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The problem handling both services share; each service's {@code @RestControllerAdvice}
 * extends it with its own exception mappings. Spring MVC's own exceptions become problems
 * through the base class (typed by their status, e.g.
 * {@code urn:tally:problem:method-not-allowed}), an {@link InvalidRequest} a 400 problem
 * listing its violations, an unreachable dependency anywhere in the causes
 * ({@link Causes#isUnavailableDependency}) a 503 with {@code Retry-After}, and anything
 * else a 500 without message or stack trace, carrying the {@code errorId} of its one
 * ERROR log line.
 */
public abstract class ProblemHandlingBase extends ResponseEntityExceptionHandler {

	private static final URI BLANK = URI.create("about:blank");

	private final Logger log = LoggerFactory.getLogger(getClass());

	/** The detail of this service's 503 problem: what is unreachable, what to do. */
	protected abstract String unavailableDetail();

	@ExceptionHandler
	protected ResponseEntity<Object> invalidRequest(InvalidRequest ex) {
		return Problems.invalidRequest(ex.errors());
	}

	@ExceptionHandler
	protected ResponseEntity<ProblemDetail> unexpected(Exception ex) {
		if (Causes.isUnavailableDependency(ex)) {
			// the transaction rolled back: nothing was written, the client may simply
			// retry; the root cause names what failed (a message, never request data)
			Throwable root = Causes.root(ex);
			this.log.warn("Request failed, a dependency is unavailable: {} ({}: {})", ex.getClass().getSimpleName(),
					root.getClass().getSimpleName(), root.getMessage());
			return Problems.unavailable(unavailableDetail());
		}
		return Problems.internalError(logged(ex));
	}

	/**
	 * Gives Spring MVC's own problems a type of their own instead of {@code about:blank},
	 * and handles its 500s like any unexpected failure.
	 */
	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (statusCode.value() == 500) {
			ResponseEntity<ProblemDetail> problem = unexpected(ex);
			return ResponseEntity.status(problem.getStatusCode()).headers(problem.getHeaders()).body(problem.getBody());
		}
		ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
		if (response != null && response.getBody() instanceof ProblemDetail problem
				&& (problem.getType() == null || BLANK.equals(problem.getType()))) {
			problem.setType(Problems.type(Problems.slug(statusCode)));
		}
		return response;
	}

	/**
	 * Logs an unexpected failure in one ERROR line; returns the id it was logged under.
	 */
	private String logged(Exception ex) {
		String errorId = UUID.randomUUID().toString();
		this.log.atError().setCause(ex).addKeyValue("errorId", errorId).log("Unexpected failure, error id {}", errorId);
		return errorId;
	}

}
