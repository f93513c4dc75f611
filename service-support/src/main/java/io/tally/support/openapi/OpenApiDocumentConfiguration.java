package io.tally.support.openapi;

import java.util.List;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.servers.Server;
import io.tally.support.problem.ProblemDocumentation;
import io.tally.support.problem.ProblemResponse;
import io.tally.support.problem.Problems;
import io.tally.support.security.ResourceServerConfiguration;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;

/**
 * The parts of both services' OpenAPI documents that are the same: title, version,
 * description and server from {@link OpenApiProperties}, the {@code Problem} schema, each
 * operation's {@link ProblemResponse}s, and the problems every API operation may answer
 * with — 503 when a dependency is unreachable, and for operations with a body 413 and
 * 415.
 */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
@EnableConfigurationProperties(OpenApiProperties.class)
public class OpenApiDocumentConfiguration {

	@Bean
	OpenAPI tallyOpenApi(OpenApiProperties properties) {
		return new OpenAPI()
			.info(new Info().title(properties.title())
				.version(properties.version())
				.description(properties.description()))
			.servers(List.of(new Server().url(properties.serverUrl()).description(properties.serverDescription())));
	}

	@Bean
	OperationCustomizer problemResponses() {
		return (operation, handler) -> {
			AnnotatedElementUtils.findMergedRepeatableAnnotations(handler.getMethod(), ProblemResponse.class)
				.forEach((problem) -> ProblemDocumentation.addProblem(operation, problem));
			return operation;
		};
	}

	@Bean
	OpenApiCustomizer commonProblems() {
		return (openApi) -> {
			ProblemDocumentation.addSchemas(openApi);
			if (openApi.getPaths() == null) {
				return;
			}
			openApi.getPaths().forEach((path, item) -> {
				if (path.startsWith(ResourceServerConfiguration.API_PREFIX)) {
					item.readOperations().forEach(OpenApiDocumentConfiguration::addCommonProblems);
				}
			});
		};
	}

	private static void addCommonProblems(Operation operation) {
		if (operation.getRequestBody() != null) {
			ProblemDocumentation.addProblem(operation, HttpStatus.CONTENT_TOO_LARGE.value(), "payload-too-large",
					"Content Too Large", "Request body exceeds 65536 bytes", "",
					"The body is larger than tally.web.max-request-body (64 KB); nothing was read or changed");
			ProblemDocumentation.addProblem(operation, HttpStatus.UNSUPPORTED_MEDIA_TYPE.value(),
					Problems.slug(HttpStatus.UNSUPPORTED_MEDIA_TYPE), "Unsupported Media Type",
					"Content-Type 'text/plain' is not supported.", "",
					"The body's Content-Type is not application/json (the answer's Accept header lists what is)");
		}
		ProblemDocumentation.addProblem(operation, HttpStatus.SERVICE_UNAVAILABLE.value(),
				Problems.slug(HttpStatus.SERVICE_UNAVAILABLE), "Service unavailable",
				"The database is unreachable; nothing was changed, retry later", "",
				"A dependency (the database, the identity provider's keys) cannot be reached; nothing was changed, "
						+ "the request may be retried after Retry-After");
	}

}
