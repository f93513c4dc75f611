package io.tally.support.security;

import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.tally.support.problem.ProblemDocumentation;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;

/**
 * Documents the security of the API in the service's OpenAPI document: a bearer-JWT
 * scheme, and on every API operation the scope it needs (from the service's
 * {@link ScopeRules}, the same table the filter chain enforces) and its 401 and 403
 * answers.
 */
@AutoConfiguration(after = ResourceServerConfiguration.class)
@ConditionalOnClass(OpenApiCustomizer.class)
@ConditionalOnBean(ScopeRules.class)
public class OpenApiSecurityConfiguration {

	/** The name of the security scheme in the document. */
	static final String SCHEME = "bearer-jwt";

	@Bean
	OpenApiCustomizer bearerJwtSecurity(ScopeRules rules) {
		return (openApi) -> document(openApi, rules);
	}

	static void document(OpenAPI openApi, ScopeRules rules) {
		if (openApi.getComponents() == null) {
			openApi.setComponents(new Components());
		}
		openApi.getComponents()
			.addSecuritySchemes(SCHEME,
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("bearer")
						.bearerFormat("JWT")
						.description("An access token of the configured identity provider for the audience "
								+ JwtRules.DEFAULT_AUDIENCE + "; each operation names the scope it needs."));
		if (openApi.getPaths() == null) {
			return;
		}
		openApi.getPaths().forEach((path, item) -> {
			if (path.startsWith(ResourceServerConfiguration.API_PREFIX)) {
				item.readOperationsMap().forEach((method, operation) -> secure(path, method, operation, rules));
			}
		});
	}

	private static void secure(String path, PathItem.HttpMethod method, Operation operation, ScopeRules rules) {
		String scope = rules.scopeFor(HttpMethod.valueOf(method.name().toUpperCase(Locale.ROOT)), path).orElse(null);
		// OpenAPI 3.1 lets a bearer requirement list what it needs; the scope is also in
		// the 403's description for 3.0 readers
		SecurityRequirement requirement = (scope != null) ? new SecurityRequirement().addList(SCHEME, scope)
				: new SecurityRequirement().addList(SCHEME);
		operation.setSecurity(List.of(requirement));
		ProblemDocumentation.addProblem(operation, 401, "unauthorized", "Unauthorized",
				"This request needs a bearer access token (Authorization: Bearer <token>)", "",
				"No access token, or one that is expired, for another audience or issuer, or badly signed "
						+ "(WWW-Authenticate: Bearer)");
		ProblemDocumentation.addProblem(operation, 403, "insufficient-scope", "Forbidden",
				(scope != null) ? "This request needs the scope " + scope + ", which the access token does not carry"
						: "No scope grants this request",
				"",
				(scope != null)
						? "The access token lacks the scope " + scope
								+ " (WWW-Authenticate: Bearer error=\"insufficient_scope\")"
						: "Refused to every token");
	}

}
