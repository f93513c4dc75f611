package io.tally.dashboard.security;

import java.util.Map;

import io.tally.dashboard.DashboardProperties;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * The dashboard's two clients, with the endpoints read from the issuer's discovery
 * document on first use rather than at start-up, so the dashboard starts (and reports the
 * identity provider as unavailable) while the provider is still down.
 */
final class IssuerClientRegistrations implements ClientRegistrationRepository {

	private final DashboardProperties.Identity identity;

	private volatile Map<String, ClientRegistration> registrations;

	IssuerClientRegistrations(DashboardProperties.Identity identity) {
		// a missing secret stops the start-up with a message naming the setting
		identity.requiredClientSecret();
		identity.requiredStreamClientSecret();
		this.identity = identity;
	}

	@Override
	public ClientRegistration findByRegistrationId(String registrationId) {
		return resolved().get(registrationId);
	}

	private Map<String, ClientRegistration> resolved() {
		Map<String, ClientRegistration> resolved = this.registrations;
		if (resolved == null) {
			synchronized (this) {
				resolved = this.registrations;
				if (resolved == null) {
					resolved = discover();
					this.registrations = resolved;
				}
			}
		}
		return resolved;
	}

	private Map<String, ClientRegistration> discover() {
		String issuer = this.identity.issuer().toString();
		String clientSecret = this.identity.requiredClientSecret();
		String streamClientSecret = this.identity.requiredStreamClientSecret();
		try {
			ClientRegistration user = ClientRegistrations.fromIssuerLocation(issuer)
				.registrationId(ClientIds.USER)
				.clientId(this.identity.clientId())
				.clientSecret(clientSecret)
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
				.scope(this.identity.scopes())
				.build();
			ClientRegistration stream = ClientRegistration.withClientRegistration(user)
				.registrationId(ClientIds.STREAM)
				.clientId(this.identity.streamClientId())
				.clientSecret(streamClientSecret)
				.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
				.redirectUri(null)
				.scope("revenue:read")
				.build();
			return Map.of(ClientIds.USER, user, ClientIds.STREAM, stream);
		}
		catch (RuntimeException ex) {
			throw new IdentityProviderUnavailable(issuer, ex);
		}
	}

}
