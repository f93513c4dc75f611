package io.tally.revenue.deadletter;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is acting on a dead letter: the subject of the caller's token, read from Spring
 * Security's context (for a JWT its {@code sub}; for client credentials the client id).
 * Null while no authentication is present, i.e. until the API requires tokens.
 */
final class Operators {

	private Operators() {
	}

	static String current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return null;
		}
		return authentication.getName();
	}

}
