package io.tally.dashboard;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the dashboard: where the two services and the identity provider are, and
 * how the live updates behave.
 *
 * @param invoiceServiceUrl base URL of invoice-service
 * @param revenueServiceUrl base URL of revenue-service
 * @param identity the OAuth2 clients the dashboard signs in with
 * @param live the revenue stream relay
 */
@ConfigurationProperties("tally.dashboard")
public record DashboardProperties(@DefaultValue("http://localhost:8080") URI invoiceServiceUrl,
		@DefaultValue("http://localhost:8082") URI revenueServiceUrl, @DefaultValue Identity identity,
		@DefaultValue Live live) {

	/**
	 * The identity provider and the two clients the dashboard uses. The secrets have no
	 * default: they are generated per installation and come from the environment.
	 *
	 * @param issuer the OpenID Connect issuer; its discovery document is read on first
	 * use
	 * @param clientId the confidential client users sign in through (authorization code +
	 * PKCE)
	 * @param clientSecret its secret ({@code TALLY_DASHBOARD_IDENTITY_CLIENT_SECRET})
	 * @param scopes what the dashboard asks for; each user gets only what their role
	 * allows
	 * @param streamClientId the client whose client-credentials token reads the revenue
	 * stream (only {@code revenue:read} is requested)
	 * @param streamClientSecret its secret
	 * ({@code TALLY_DASHBOARD_IDENTITY_STREAM_CLIENT_SECRET})
	 */
	public record Identity(@DefaultValue("http://localhost:9000") URI issuer,
			@DefaultValue("tally-dashboard") String clientId, String clientSecret, @DefaultValue( {
					"openid", "profile", "invoices:read", "invoices:write", "revenue:read",
					"ops:admin" }) String[] scopes,
			@DefaultValue("tally-cli") String streamClientId, String streamClientSecret){

		public Identity {
			scopes = scopes.clone();
		}

		/** The user client's secret, or a clear failure naming the setting. */
		public String requiredClientSecret() {
			return required(this.clientSecret, "tally.dashboard.identity.client-secret",
					"TALLY_DASHBOARD_IDENTITY_CLIENT_SECRET");
		}

		/** The stream client's secret, or a clear failure naming the setting. */
		public String requiredStreamClientSecret() {
			return required(this.streamClientSecret, "tally.dashboard.identity.stream-client-secret",
					"TALLY_DASHBOARD_IDENTITY_STREAM_CLIENT_SECRET");
		}

		private static String required(String value, String property, String environmentVariable) {
			if (value == null || value.isBlank()) {
				throw new IllegalStateException("Set " + property + " (environment variable " + environmentVariable
						+ "); the dashboard has no default secret");
			}
			return value;
		}

	}

	/**
	 * The relay of revenue-service's stream to the browsers.
	 *
	 * @param enabled whether the dashboard subscribes to the stream at all
	 * @param heartbeat how often an idle browser connection gets a comment (detects dead
	 * connections)
	 * @param reconnectMin first pause before subscribing again after the upstream stream
	 * broke
	 * @param reconnectMax longest pause between attempts
	 * @param replay how many recent changes are kept for browsers that connect just after
	 * a page render
	 * @param clientQueue changes waiting for one browser; a browser that falls further
	 * behind is disconnected and reloads its figures on reconnect
	 */
	public record Live(@DefaultValue("true") boolean enabled, @DefaultValue("15s") Duration heartbeat,
			@DefaultValue("500ms") Duration reconnectMin, @DefaultValue("30s") Duration reconnectMax,
			@DefaultValue("256") int replay, @DefaultValue("32") int clientQueue) {
	}

}
