package io.tally.support.security;

import java.io.IOException;
import java.util.Objects;
import java.util.stream.Collectors;

import io.tally.support.problem.ProblemResponses;
import io.tally.support.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorityAuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers a valid token that lacks the scope a request needs: 403 with
 * {@code WWW-Authenticate: Bearer error="insufficient_scope"} (RFC 6750) and an
 * {@code insufficient-scope} problem naming the scope.
 */
final class ProblemAccessDeniedHandler implements AccessDeniedHandler {

	private final BearerTokenAccessDeniedHandler bearer = new BearerTokenAccessDeniedHandler();

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException {
		this.bearer.handle(request, response, denied);
		ProblemResponses.write(request, response,
				Problems.problem(HttpStatus.FORBIDDEN, "insufficient-scope", "Forbidden", detail(denied)));
	}

	private static String detail(AccessDeniedException denied) {
		if (denied instanceof AuthorizationDeniedException authorization
				&& authorization.getAuthorizationResult() instanceof AuthorityAuthorizationDecision decision) {
			String scopes = decision.getAuthorities()
				.stream()
				.map(GrantedAuthority::getAuthority)
				.map(Scopes::scopeOf)
				.filter(Objects::nonNull)
				.collect(Collectors.joining(" or "));
			if (!scopes.isEmpty()) {
				return "This request needs the scope " + scopes + ", which the access token does not carry";
			}
		}
		return "No scope grants this request";
	}

}
