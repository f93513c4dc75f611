package io.tally.invoice.web;

import java.util.Optional;

import io.tally.invoice.invoice.CurrentActor;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The actor of a request as Spring Security authenticated it: the name of the
 * {@link Authentication}, which for a JWT is its {@code sub} claim (an opaque user id, or
 * the client id of a client-credentials token). Anonymous or no authentication: none.
 */
@Component
class SecurityContextActor implements CurrentActor {

	@Override
	public Optional<String> id() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return Optional.empty();
		}
		return Optional.ofNullable(authentication.getName()).filter((name) -> !name.isBlank());
	}

}
