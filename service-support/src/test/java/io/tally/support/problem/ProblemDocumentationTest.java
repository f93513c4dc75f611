package io.tally.support.problem;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How problems appear in an OpenAPI document. */
class ProblemDocumentationTest {

	@Test
	void problemsOfOneStatusShareAResponseWithAnExampleOfEachType() {
		Operation operation = new Operation();

		ProblemDocumentation.addProblem(operation, 400, "invalid-request", "Invalid request", "size: must be 1 … 200",
				"size", "A parameter is invalid");
		ProblemDocumentation.addProblem(operation, 400, "malformed-body", "Malformed body", "Request body is missing",
				"", "The body is missing");

		ApiResponse response = operation.getResponses().get("400");
		assertThat(response.getDescription()).isEqualTo("A parameter is invalid; or the body is missing");
		MediaType problem = response.getContent().get("application/problem+json");
		assertThat(problem.getSchema().get$ref()).isEqualTo("#/components/schemas/Problem");
		assertThat(problem.getExamples()).containsOnlyKeys("invalid-request", "malformed-body");
		assertThat(problem.getExamples().get("invalid-request").getValue()).hasToString(
				"{type=urn:tally:problem:invalid-request, title=Invalid request, status=400, detail=size: must be 1 … 200, "
						+ "errors=[{field=size, message=must be 1 … 200}]}");
	}

	@Test
	void aSecondProblemOfTheSameTypeAddsItsCaseButKeepsTheFirstExample() {
		Operation operation = new Operation();

		ProblemDocumentation.addProblem(operation, 503, "unavailable", "Service unavailable", "Kafka did not answer",
				"", "Kafka did not answer");
		ProblemDocumentation.addProblem(operation, 503, "unavailable", "Service unavailable", "The database is down",
				"", "The database is down");

		ApiResponse response = operation.getResponses().get("503");
		assertThat(response.getDescription()).isEqualTo("Kafka did not answer; or the database is down");
		assertThat(response.getContent().get("application/problem+json").getExamples().get("unavailable").getValue())
			.hasToString("{type=urn:tally:problem:unavailable, title=Service unavailable, status=503, "
					+ "detail=Kafka did not answer}");
		assertThat(response.getHeaders()).containsOnlyKeys("Retry-After");
	}

	@Test
	void theProblemSchemaRequiresTheMembersEveryProblemHas() {
		OpenAPI openApi = new OpenAPI();

		ProblemDocumentation.addSchemas(openApi);

		assertThat(openApi.getComponents().getSchemas().get("Problem").getRequired()).containsExactlyInAnyOrder("type",
				"title", "status", "detail");
		assertThat(openApi.getComponents().getSchemas().get("Problem").getProperties()).containsKeys("instance",
				"errors", "errorId");
	}

}
