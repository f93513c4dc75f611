package io.tally.support.problem;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;

import io.tally.support.validation.FieldViolation;
import io.tally.support.validation.InvalidRequest;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@ExtendWith(OutputCaptureExtension.class)
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
	void answersATransactionThatCouldNotBeginWith503() throws Exception {
		this.mvc.perform(get("/no-transaction"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "5"))
			.andExpect(jsonPath("$.type").value("urn:tally:problem:unavailable"));
	}

	@Test
	void answersAFailedRollbackOfALostConnectionWith503() throws Exception {
		this.mvc.perform(get("/rollback-failed"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "5"))
			.andExpect(jsonPath("$.type").value("urn:tally:problem:unavailable"));
	}

	@Test
	void hidesAnythingElseBehindAPlain500Problem() throws Exception {
		this.mvc.perform(get("/broken"))
			.andExpect(status().isInternalServerError())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("urn:tally:problem:internal-error"))
			.andExpect(content().string(not(containsString("secret internals"))))
			.andExpect(content().string(not(containsString("at io.tally"))))
			.andExpect(jsonPath("$.trace").doesNotExist());
	}

	@Test
	void givesA500TheErrorIdOfItsOneErrorLogLine(CapturedOutput output) throws Exception {
		String body = this.mvc.perform(get("/broken"))
			.andExpect(status().isInternalServerError())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String errorId = JsonMapper.shared().readTree(body).path("errorId").asString();

		assertThat(errorId).matches("[0-9a-f-]{36}");
		assertThat(body).contains(errorId);
		assertThat(output.getOut().lines().filter((line) -> line.contains("ERROR")))
			.singleElement(InstanceOfAssertFactories.STRING)
			.contains(errorId);
		assertThat(output.getOut()).contains("secret internals").contains("at io.tally");
	}

	@Test
	void typesTheProblemsSpringMvcRaisesItself() throws Exception {
		this.mvc.perform(get("/nothing-here"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.type").value("urn:tally:problem:not-found"));
		this.mvc.perform(delete("/invalid"))
			.andExpect(status().isMethodNotAllowed())
			.andExpect(jsonPath("$.type").value("urn:tally:problem:method-not-allowed"));
		this.mvc.perform(get("/json").accept(MediaType.TEXT_PLAIN))
			.andExpect(status().isNotAcceptable())
			.andExpect(jsonPath("$.type").value("urn:tally:problem:not-acceptable"));
		this.mvc.perform(post("/json").contentType(MediaType.TEXT_PLAIN).content("hello"))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(jsonPath("$.type").value("urn:tally:problem:unsupported-media-type"));
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

		@GetMapping("/no-transaction")
		String noTransaction() {
			throw new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
					new SQLTransientConnectionException("pool - Connection is not available, request timed out"));
		}

		@GetMapping("/rollback-failed")
		String rollbackFailed() {
			throw new TransactionSystemException("JDBC rollback failed",
					new SQLException("Connection is closed", "08003"));
		}

		@GetMapping(path = "/json", produces = MediaType.APPLICATION_JSON_VALUE)
		String json() {
			return "{}";
		}

		@PostMapping(path = "/json", consumes = MediaType.APPLICATION_JSON_VALUE)
		String postJson(@RequestBody String body) {
			return body;
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
