package io.tally.revenue.reconciliation;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the continuous reconciliation with invoice-service
 * ({@code tally.reconciliation.*}); the defaults run locally.
 *
 * @param enabled whether this instance reconciles on a schedule
 * @param invoiceServiceUrl base URL of invoice-service
 * @param initialDelay wait before the first run after start-up
 * @param interval wait between the end of one run and the start of the next
 * @param pageSize invoices per digest page
 * @param pagePause pause between two pages, so a run's load stays low
 * @param grace how long a difference may be an in-flight change before it counts as drift
 * (at least; the projection's current event lag is waited for when it is longer)
 * @param maxSuspects differences re-checked per run at most (bounds memory)
 * @param maxReported drifting invoices listed in a report
 * @param keepRuns reports kept in the database
 * @param timeout connect and read timeout of one request to invoice-service
 * @param lockKey PostgreSQL advisory-lock key: one instance reconciles at a time
 * @param client the OAuth2 client-credentials client revenue-service calls
 * invoice-service with
 */
@ConfigurationProperties("tally.reconciliation")
public record ReconciliationProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("http://localhost:8080") URI invoiceServiceUrl, @DefaultValue("1m") Duration initialDelay,
		@DefaultValue("5m") Duration interval, @DefaultValue("500") int pageSize,
		@DefaultValue("100ms") Duration pagePause, @DefaultValue("30s") Duration grace,
		@DefaultValue("10000") int maxSuspects, @DefaultValue("100") int maxReported, @DefaultValue("200") int keepRuns,
		@DefaultValue("10s") Duration timeout, @DefaultValue("7243202") long lockKey, @DefaultValue Client client) {

	public ReconciliationProperties {
		if (pageSize < 1 || pageSize > 1000) {
			throw new IllegalArgumentException(
					"tally.reconciliation.page-size must be 1 to 1000 (invoice-service's limit)");
		}
	}

	/**
	 * A confidential client of the identity provider; with neither an issuer nor a token
	 * URI requests carry no token (for an invoice-service that asks for none).
	 *
	 * @param issuerUri the provider's issuer: its token endpoint is discovered from its
	 * metadata on first use
	 * @param tokenUri the provider's token endpoint, when it is not to be discovered
	 * @param clientId the client id
	 * @param clientSecret its secret (from the environment, never committed)
	 * @param scope the scope asked for: invoice-service's operator endpoints need
	 * {@code ops:admin}
	 */
	public record Client(URI issuerUri, URI tokenUri, String clientId, String clientSecret,
			@DefaultValue("ops:admin") String scope) {

		/** Whether requests are to carry a token. */
		public boolean configured() {
			return this.issuerUri != null || this.tokenUri != null;
		}

	}

}
