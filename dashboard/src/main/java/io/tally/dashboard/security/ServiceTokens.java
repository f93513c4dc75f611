package io.tally.dashboard.security;

import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;

/**
 * Access tokens of the dashboard itself (client credentials), used where no user is in
 * the request: the one upstream subscription to the revenue stream.
 */
public class ServiceTokens {

	private final OAuth2AuthorizedClientManager manager;

	ServiceTokens(OAuth2AuthorizedClientManager manager) {
		this.manager = manager;
	}

	/** A valid token for the revenue stream, fetched again shortly before it expires. */
	public String revenueStream() {
		OAuth2AuthorizedClient client = this.manager.authorize(
				OAuth2AuthorizeRequest.withClientRegistrationId(ClientIds.STREAM).principal("tally-dashboard").build());
		if (client == null) {
			throw new IllegalStateException("No token for the revenue stream");
		}
		return client.getAccessToken().getTokenValue();
	}

}
