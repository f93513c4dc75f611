package io.tally.support.problem;

import io.tally.support.Causes;
import io.tally.support.validation.InvalidRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The problem handling both services share; each service's {@code @RestControllerAdvice}
 * extends it with its own exception mappings. Spring MVC's own exceptions become problems
 * through the base class, an {@link InvalidRequest} a 400 problem listing its violations,
 * an unreachable dependency anywhere in the causes a 503 with {@code Retry-After}, and
 * anything else a 500 without message or stack trace.
 */
public abstract class ProblemHandlingBase extends ResponseEntityExceptionHandler {

	private final Logger log = LoggerFactory.getLogger(getClass());

	/** The detail of this service's 503 problem: what is unreachable, what to do. */
	protected abstract String unavailableDetail();

	@ExceptionHandler
	protected ResponseEntity<Object> invalidRequest(InvalidRequest ex) {
		return Problems.invalidRequest(ex.errors());
	}

	@ExceptionHandler
	protected ResponseEntity<ProblemDetail> unexpected(Exception ex) {
		if (Causes.anyMatch(ex, DataAccessResourceFailureException.class)) {
			// the transaction rolled back: nothing was written, the client may simply
			// retry
			this.log.warn("Request failed, a dependency is unavailable: {}", ex.getMessage());
			return Problems.unavailable(unavailableDetail());
		}
		this.log.error("Unexpected failure", ex);
		return Problems.internalError();
	}

}
