package io.tally.dashboard.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A sign-in that cannot reach the identity provider answers 503 with {@code Retry-After}
 * (rendered by the localized error page), never 500. Spring Security's sign-in filters
 * turn any failure into a 500, so the provider's discovery document is read here first.
 */
final class IdentityProviderUnavailableFilter extends OncePerRequestFilter {

	static final String RETRY_AFTER_SECONDS = "5";

	private final ClientRegistrationRepository registrations;

	IdentityProviderUnavailableFilter(ClientRegistrationRepository registrations) {
		this.registrations = registrations;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (path.startsWith("/oauth2/authorization/") || path.startsWith("/login/oauth2/code/")) {
			try {
				this.registrations.findByRegistrationId(ClientIds.USER);
			}
			catch (IdentityProviderUnavailable ex) {
				unavailable(response);
				return;
			}
		}
		try {
			chain.doFilter(request, response);
		}
		catch (IOException | ServletException | RuntimeException ex) {
			if (!causedByUnavailableProvider(ex) || response.isCommitted()) {
				throw ex;
			}
			unavailable(response);
		}
	}

	private static void unavailable(HttpServletResponse response) throws IOException {
		response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value());
	}

	private static boolean causedByUnavailableProvider(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof IdentityProviderUnavailable) {
				return true;
			}
		}
		return false;
	}

}
