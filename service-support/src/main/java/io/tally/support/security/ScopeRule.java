package io.tally.support.security;

import java.util.Set;

import org.springframework.http.HttpMethod;

/**
 * One line of a service's access table: requests with one of {@code methods} (any method
 * when empty) to a path matching {@code pathPattern} need {@code scope}.
 *
 * @param methods the HTTP methods the rule covers; empty for all
 * @param pathPattern a Spring path pattern under {@code /api/}, e.g.
 * {@code /api/invoices/**}
 * @param scope the scope the access token must carry
 */
public record ScopeRule(Set<HttpMethod> methods, String pathPattern, String scope) {

	public ScopeRule {
		methods = Set.copyOf(methods);
		if (!pathPattern.startsWith(ResourceServerConfiguration.API_PREFIX)) {
			// outside /api there is only what is public (OpenAPI) or not the API
			throw new IllegalArgumentException("A scope rule covers the API under /api/, not " + pathPattern);
		}
	}

	/** Reads ({@code GET}, and {@code HEAD} that answers like it) need {@code scope}. */
	public static ScopeRule reads(String pathPattern, String scope) {
		return new ScopeRule(Set.of(HttpMethod.GET, HttpMethod.HEAD), pathPattern, scope);
	}

	/** Changes ({@code POST}, {@code PUT}, {@code DELETE}) need {@code scope}. */
	public static ScopeRule writes(String pathPattern, String scope) {
		return new ScopeRule(Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE), pathPattern, scope);
	}

	/** Every method needs {@code scope}. */
	public static ScopeRule anyMethod(String pathPattern, String scope) {
		return new ScopeRule(Set.of(), pathPattern, scope);
	}

	/** Whether the rule covers {@code method}. */
	public boolean covers(HttpMethod method) {
		return this.methods.isEmpty() || this.methods.contains(method);
	}

}
