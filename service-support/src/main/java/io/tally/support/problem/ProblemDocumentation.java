package io.tally.support.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

import org.springframework.http.HttpHeaders;

/**
 * The problems of {@link Problems} as the services' OpenAPI documents describe them: one
 * {@code Problem} schema, and problem responses ({@code application/problem+json}) with
 * an example per problem type.
 */
public final class ProblemDocumentation {

	/** The name of the problem schema among the document's components. */
	public static final String SCHEMA = "Problem";

	private static final String FIELD_ERROR = "FieldError";

	private static final String MEDIA_TYPE = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

	private ProblemDocumentation() {
	}

	/** Adds the {@code Problem} schema (and its {@code errors} entries) to a document. */
	public static void addSchemas(OpenAPI openApi) {
		if (openApi.getComponents() == null) {
			openApi.setComponents(new Components());
		}
		openApi.getComponents()
			.addSchemas(FIELD_ERROR,
					new ObjectSchema().description("A field, parameter or header that is invalid, and why")
						.addProperty("field", new StringSchema().description("the field, parameter or header"))
						.addProperty("message", new StringSchema().description("what is wrong with it"))
						.required(List.of("field", "message")));
		openApi.getComponents()
			.addSchemas(SCHEMA, new ObjectSchema().description("An RFC 9457 problem (application/problem+json, UTF-8)")
				.addProperty("type",
						new StringSchema().format("uri")
							.description("urn:tally:problem:<slug>, one per kind of problem"))
				.addProperty("title", new StringSchema().description("a short summary of the problem type"))
				.addProperty("status", new IntegerSchema().description("the HTTP status"))
				.addProperty("detail", new StringSchema().description("what went wrong with this request"))
				.addProperty("instance", new StringSchema().format("uri-reference").description("the request path"))
				.addProperty("errors",
						new ArraySchema().items(new Schema<>().$ref(FIELD_ERROR))
							.description("the invalid fields, parameters or headers (validation problems only)"))
				.addProperty("errorId",
						new StringSchema().format("uuid")
							.description("the id under which an unexpected failure was logged (500 only)"))
				.required(List.of("type", "title", "status", "detail")));
	}

	/** Adds the problem of an annotation to the operation's responses. */
	public static void addProblem(Operation operation, ProblemResponse problem) {
		addProblem(operation, problem.status(), problem.type(), problem.title(), problem.detail(), problem.field(),
				problem.when());
	}

	/**
	 * Adds a problem to the operation's responses: a new response for its status, or one
	 * more case in the description of the status's response, with an example of each
	 * problem type.
	 * @param field the field an {@code errors} entry of the example names, or empty for
	 * none
	 */
	public static void addProblem(Operation operation, int status, String slug, String title, String detail,
			String field, String when) {
		if (operation.getResponses() == null) {
			operation.setResponses(new ApiResponses());
		}
		String code = Integer.toString(status);
		ApiResponse response = operation.getResponses().get(code);
		MediaType media = (response != null && response.getContent() != null) ? response.getContent().get(MEDIA_TYPE)
				: null;
		if (media == null || media.getSchema() == null) {
			media = new MediaType().schema(new Schema<>().$ref(SCHEMA));
			response = new ApiResponse().description(when).content(new Content().addMediaType(MEDIA_TYPE, media));
			operation.getResponses().addApiResponse(code, response);
		}
		else {
			response.description(
					response.getDescription() + "; or " + Character.toLowerCase(when.charAt(0)) + when.substring(1));
		}
		if (media.getExamples() != null && media.getExamples().containsKey(slug)) {
			// one example per type: the first, from the operation itself, is the most
			// specific
			return;
		}
		media.addExamples(slug, new Example().summary(title).value(example(status, slug, title, detail, field)));
		if (status == 503) {
			response.addHeaderObject(HttpHeaders.RETRY_AFTER,
					new Header().description("seconds to wait before retrying (" + Problems.RETRY_AFTER_SECONDS + ")")
						.schema(new IntegerSchema()));
		}
	}

	private static Map<String, Object> example(int status, String slug, String title, String detail, String field) {
		Map<String, Object> example = new LinkedHashMap<>();
		example.put("type", Problems.type(slug).toString());
		example.put("title", title);
		example.put("status", status);
		example.put("detail", detail);
		if (!field.isEmpty()) {
			String prefix = field + ": ";
			String message = detail.startsWith(prefix) ? detail.substring(prefix.length()) : detail;
			Map<String, Object> error = new LinkedHashMap<>();
			error.put("field", field);
			error.put("message", message);
			example.put("errors", List.of(error));
		}
		return example;
	}

}
