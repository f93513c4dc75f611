package io.tally.support.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.util.StringUtils;

/**
 * What Spring Security's {@code DefaultBearerTokenResolver} does with its defaults — the
 * token from {@code Authorization: Bearer <token>} only, never from a query or form
 * parameter; no header, or another scheme, means no token; a malformed one is refused as
 * {@code invalid_token} — with the token's syntax (RFC 6750 {@code b64token}) checked by
 * a loop instead of the resolver's case-insensitive regular expression: matching a JWT of
 * ~1 KB against it was about 5 % of a revenue read's CPU on 2 cores (issue 12).
 * {@code AuthorizationHeaderTokensTest} holds this to the default resolver.
 */
final class AuthorizationHeaderTokens implements BearerTokenResolver {

	private static final String SCHEME = "Bearer ";

	@Override
	public String resolve(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (!StringUtils.startsWithIgnoreCase(authorization, "bearer")) {
			return null;
		}
		int start = SCHEME.length();
		// no letter outside ASCII folds to one of "bearer": this compares as the
		// expression does
		if (!authorization.regionMatches(true, 0, SCHEME, 0, start)) {
			throw malformed();
		}
		int end = authorization.length();
		int i = start;
		while (i < end && isTokenCharacter(authorization.charAt(i))) {
			i++;
		}
		if (i == start) {
			throw malformed();
		}
		while (i < end && authorization.charAt(i) == '=') {
			i++;
		}
		if (i != end) {
			throw malformed();
		}
		return authorization.substring(start);
	}

	/** {@code 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" )} */
	private static boolean isTokenCharacter(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
				|| c == '_' || c == '~' || c == '+' || c == '/';
	}

	private static OAuth2AuthenticationException malformed() {
		return new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed"));
	}

}
