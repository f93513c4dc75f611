package io.tally.dashboard.security;

/** The identity provider's discovery document or token endpoint could not be reached. */
public class IdentityProviderUnavailable extends RuntimeException {

	IdentityProviderUnavailable(String issuer, Throwable cause) {
		super("The identity provider at " + issuer + " is not reachable", cause);
	}

}
