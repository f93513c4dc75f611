package io.tally.support.security;

import java.io.IOException;

import io.tally.support.Causes;
import io.tally.support.problem.ProblemResponses;
import io.tally.support.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Answers a request without a usable access token: 401 with {@code WWW-Authenticate:
 * Bearer …} (RFC 6750) and an {@code unauthorized} problem; when the token could not be
 * checked because the identity provider is unreachable, 503 with {@code Retry-After} and
 * an {@code unavailable} problem instead (the token may well be good).
 */
final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint, AuthenticationFailureHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemAuthenticationEntryPoint.class);

	private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
			throws IOException {
		this.bearer.commence(request, response, failure);
		ProblemResponses.write(request, response,
				Problems.problem(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail(failure)));
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException failure) throws IOException {
		if (failure instanceof AuthenticationServiceException) {
			// the messages name the issuer and what failed, never the token
			log.warn("Access token not checked, the identity provider is unreachable: {} ({})", failure.getMessage(),
					Causes.root(failure).toString());
			response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(Problems.RETRY_AFTER_SECONDS));
			ProblemDetail problem = Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable",
					"Service unavailable",
					"The identity provider cannot be reached to check the access token; nothing was changed, retry later");
			ProblemResponses.write(request, response, problem);
			return;
		}
		commence(request, response, failure);
	}

	private static String detail(AuthenticationException failure) {
		if (failure instanceof OAuth2AuthenticationException oauth && oauth.getError().getDescription() != null) {
			return "The access token was refused: " + oauth.getError().getDescription();
		}
		return "This request needs a bearer access token (Authorization: Bearer <token>)";
	}

}
