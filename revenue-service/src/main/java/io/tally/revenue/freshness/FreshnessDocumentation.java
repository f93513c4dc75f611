package io.tally.revenue.freshness;

import java.util.List;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.tally.support.problem.ProblemDocumentation;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.stereotype.Component;

/**
 * Documents the freshness headers of the revenue read API next to the filter that handles
 * them ({@link ConsistencyFilter}): the {@value ChangeRef#HEADER} request header, its 400
 * problem, and the {@value Watermark#HEADER} and {@code Tally-Consistency} response
 * headers, on every {@code GET /api/revenue/**} but the stream.
 */
@Component
class FreshnessDocumentation implements OpenApiCustomizer {

	private static final String READ_API = "/api/revenue/";

	private static final String STREAM = "/api/revenue/stream";

	@Override
	public void customise(OpenAPI openApi) {
		if (openApi.getPaths() == null) {
			return;
		}
		openApi.getPaths().forEach((path, item) -> {
			if (path.startsWith(READ_API) && !path.equals(STREAM) && item.getGet() != null) {
				document(item.getGet());
			}
		});
	}

	private static void document(Operation operation) {
		operation.addParametersItem(new HeaderParameter().name(ChangeRef.HEADER)
			.description("Answer only once the projection includes these changes (at most " + ChangeRef.MAX_REFS
					+ " entries `<invoiceId>:<version>`, comma-separated), waiting at most "
					+ "tally.freshness.read-your-writes-timeout; Tally-Consistency says whether it did")
			.schema(new StringSchema().example("1124a3e7-83ee-4234-a166-dc769f2a2f22:3")));
		ApiResponse ok = operation.getResponses().get("200");
		if (ok != null) {
			ok.addHeaderObject(Watermark.HEADER, new Header()
				.description("occurredAt of the newest event the projection has applied: the answer includes every "
						+ "change up to at least then (absent before the first event)")
				.schema(new StringSchema().format("date-time")));
			ok.addHeaderObject(ConsistencyFilter.CONSISTENCY_HEADER, new Header()
				.description("with " + ChangeRef.HEADER + " only: included, or stale when the wait ran out (the "
						+ "answer then has the figures of that moment)")
				.schema(new StringSchema()._enum(List.of("included", "stale"))));
		}
		ProblemDocumentation.addProblem(operation, 400, "invalid-request", "Invalid request",
				ChangeRef.HEADER + ": " + ChangeRef.HEADER + " must be a list of <invoiceId>:<version>, e.g. "
						+ "0b9b6a3e-6a53-4c63-8a36-5d8b1f0e2c11:3",
				ChangeRef.HEADER, "The " + ChangeRef.HEADER + " header is malformed");
	}

}
