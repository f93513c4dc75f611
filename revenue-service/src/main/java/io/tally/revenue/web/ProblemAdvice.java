package io.tally.revenue.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.tally.revenue.revenue.CustomerNotFound;
import io.tally.revenue.revenue.InvalidRevenueQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure of the REST API into an RFC 9457 problem; Spring MVC's own
 * exceptions (missing or malformed parameters, unknown paths, wrong methods) come out as
 * problems through the base class.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

	static final URI INVALID_PARAMETER = URI.create("urn:tally:problem:invalid-parameter");

	static final URI CUSTOMER_NOT_FOUND = URI.create("urn:tally:problem:customer-not-found");

	static final URI UNAVAILABLE = URI.create("urn:tally:problem:unavailable");

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
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
		problem.setType(CUSTOMER_NOT_FOUND);
		problem.setTitle("Customer not found");
		return problem;
	}

	@ExceptionHandler
	ProblemDetail databaseUnavailable(DataAccessException ex) {
		log.warn("Revenue query failed: {}", ex.getMessage());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"Revenue figures are temporarily unavailable");
		problem.setType(UNAVAILABLE);
		problem.setTitle("Service unavailable");
		return problem;
	}

	private static ProblemDetail invalidParameter(String field, String message) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, message);
		problem.setType(INVALID_PARAMETER);
		problem.setTitle("Invalid request parameter");
		problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
		return problem;
	}

}
