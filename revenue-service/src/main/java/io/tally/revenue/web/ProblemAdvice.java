package io.tally.revenue.web;

import java.util.List;

import io.tally.revenue.deadletter.DeadLetterAlreadyHandled;
import io.tally.revenue.deadletter.DeadLetterGone;
import io.tally.revenue.deadletter.DeadLetterNotFound;
import io.tally.revenue.deadletter.DeadLetterNotRedrivable;
import io.tally.revenue.deadletter.DeadLetterTopicUnavailable;
import io.tally.revenue.deadletter.InvalidDeadLetterQuery;
import io.tally.revenue.revenue.CustomerNotFound;
import io.tally.revenue.revenue.InvalidRevenueQuery;
import io.tally.revenue.revenue.StreamFull;
import io.tally.support.problem.ProblemHandlingBase;
import io.tally.support.problem.Problems;
import io.tally.support.validation.FieldViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * revenue-service's own mappings of failures to RFC 9457 problems (the shared ones come
 * from {@link ProblemHandlingBase}, among them the 503 of an unreachable database or
 * broker): bad query parameters, unknown customers and the dead-letter console's
 * refusals.
 */
@RestControllerAdvice
class ProblemAdvice extends ProblemHandlingBase {

	private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

	private static final String UNAVAILABLE = "Revenue figures are temporarily unavailable";

	@Override
	protected String unavailableDetail() {
		return UNAVAILABLE;
	}

	@ExceptionHandler
	ProblemDetail invalidQuery(InvalidRevenueQuery ex) {
		return invalidParameter(ex.field(), ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail typeMismatch(MethodArgumentTypeMismatchException ex) {
		String expected = (ex.getRequiredType() != null) ? ex.getRequiredType().getSimpleName() : "another type";
		return invalidParameter(ex.getName(),
				ex.getName() + " must be a " + expected + ", was '" + ex.getValue() + "'");
	}

	@ExceptionHandler
	ProblemDetail customerNotFound(CustomerNotFound ex) {
		return Problems.problem(HttpStatus.NOT_FOUND, "customer-not-found", "Customer not found", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail invalidDeadLetterQuery(InvalidDeadLetterQuery ex) {
		return invalidParameter(ex.field(), ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail deadLetterNotFound(DeadLetterNotFound ex) {
		return Problems.problem(HttpStatus.NOT_FOUND, "dead-letter-not-found", "Dead letter not found",
				ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail deadLetterAlreadyHandled(DeadLetterAlreadyHandled ex) {
		return Problems.problem(HttpStatus.CONFLICT, "dead-letter-already-handled", "Dead letter already handled",
				ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail deadLetterNotRedrivable(DeadLetterNotRedrivable ex) {
		return Problems.problem(HttpStatus.CONFLICT, "dead-letter-not-redrivable", "Dead letter cannot be re-driven",
				ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail deadLetterGone(DeadLetterGone ex) {
		return Problems.problem(HttpStatus.GONE, "dead-letter-gone", "Dead letter no longer on the topic",
				ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> deadLetterTopicUnavailable(DeadLetterTopicUnavailable ex) {
		log.warn("Dead-letter action failed: {}", ex.getMessage());
		return Problems.unavailable("Kafka did not answer in time; nothing was marked, retry later");
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> streamFull(StreamFull ex) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, Integer.toString(Problems.RETRY_AFTER_SECONDS))
			.body(Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "stream-full", "Too many stream subscribers",
					ex.getMessage()));
	}

	private static ProblemDetail invalidParameter(String field, String message) {
		return Problems.invalid("invalid-parameter", "Invalid request parameter", message,
				List.of(new FieldViolation(field, message)));
	}

}
