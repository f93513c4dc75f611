package io.tally.support.problem;

import java.util.List;

import io.tally.support.validation.FieldViolation;
import io.tally.support.validation.InvalidRequest;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class ProblemHandlingBaseTest {

	private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Failing())
		.setControllerAdvice(new ServiceProblems())
		.build();

	@Test
	void answersAnInvalidRequestWithA400ProblemListingEveryViolation() throws Exception {
		this.mvc.perform(get("/invalid"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("urn:tally:problem:invalid-request"))
			.andExpect(jsonPath("$.title").value("Invalid request"))
			.andExpect(jsonPath("$.detail").value("customerId: is required; amountMinor: must be positive"))
			.andExpect(jsonPath("$.errors[0].field").value("customerId"))
			.andExpect(jsonPath("$.errors[1].message").value("must be positive"));
	}

	@Test
	void answersAnUnreachableDependencyDeepInTheCausesWith503AndRetryAfter() throws Exception {
		this.mvc.perform(get("/unavailable"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "5"))
			.andExpect(jsonPath("$.type").value("urn:tally:problem:unavailable"))
			.andExpect(jsonPath("$.detail").value("The test database is unreachable"))
			.andExpect(content().string(not(containsString("db-host"))));
	}

	@Test
	void hidesAnythingElseBehindAPlain500Problem() throws Exception {
		this.mvc.perform(get("/broken"))
			.andExpect(status().isInternalServerError())
			.andExpect(jsonPath("$.type").value("urn:tally:problem:internal-error"))
			.andExpect(content().string(not(containsString("secret internals"))))
			.andExpect(content().string(not(containsString("at io.tally"))));
	}

	@RestController
	static class Failing {

		@GetMapping("/invalid")
		String invalid() {
			throw new InvalidRequest(List.of(new FieldViolation("customerId", "is required"),
					new FieldViolation("amountMinor", "must be positive")));
		}

		@GetMapping("/unavailable")
		String unavailable() {
			throw new IllegalStateException("query failed",
					new DataAccessResourceFailureException("connection refused to db-host:5432"));
		}

		@GetMapping("/broken")
		String broken() {
			throw new IllegalStateException("secret internals");
		}

	}

	@RestControllerAdvice
	static class ServiceProblems extends ProblemHandlingBase {

		@Override
		protected String unavailableDetail() {
			return "The test database is unreachable";
		}

	}

}
