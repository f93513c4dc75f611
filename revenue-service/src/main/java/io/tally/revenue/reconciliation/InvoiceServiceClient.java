package io.tally.revenue.reconciliation;

import java.net.http.HttpClient;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * invoice-service's reconciliation digest over HTTP, with a client-credentials token when
 * a client is configured (Spring Security's OAuth2 client fetches and renews it).
 */
@Component
class InvoiceServiceClient {

	private static final String REGISTRATION = "invoice-service";

	private final RestClient http;

	InvoiceServiceClient(RestClient.Builder builder, ReconciliationProperties properties) {
		HttpClient client = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
		requests.setReadTimeout(properties.timeout());
		RestClient.Builder configured = builder.clone()
			.baseUrl(properties.invoiceServiceUrl().toString())
			.requestFactory(requests);
		if (properties.client().configured()) {
			configured.requestInterceptor(tokens(properties.client()));
		}
		this.http = configured.build();
	}

	private static OAuth2ClientHttpRequestInterceptor tokens(ReconciliationProperties.Client client) {
		ClientRegistrationRepository registrations = new LazyRegistration(client);
		// not bound to a web request: the reconciliation runs on its own thread
		AuthorizedClientServiceOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(
				registrations, new InMemoryOAuth2AuthorizedClientService(registrations));
		OAuth2ClientHttpRequestInterceptor interceptor = new OAuth2ClientHttpRequestInterceptor(manager);
		interceptor.setClientRegistrationIdResolver((request) -> REGISTRATION);
		return interceptor;
	}

	/**
	 * The client's registration, built on first use: discovering the token endpoint from
	 * the issuer then needs the identity provider, start-up does not.
	 */
	private static final class LazyRegistration implements ClientRegistrationRepository {

		private final ReconciliationProperties.Client client;

		private volatile ClientRegistration registration;

		LazyRegistration(ReconciliationProperties.Client client) {
			this.client = client;
		}

		@Override
		public ClientRegistration findByRegistrationId(String registrationId) {
			if (!REGISTRATION.equals(registrationId)) {
				return null;
			}
			ClientRegistration built = this.registration;
			if (built == null) {
				synchronized (this) {
					if (this.registration == null) {
						this.registration = build();
					}
					built = this.registration;
				}
			}
			return built;
		}

		private ClientRegistration build() {
			ClientRegistration.Builder builder = (this.client.tokenUri() != null)
					? ClientRegistration.withRegistrationId(REGISTRATION).tokenUri(this.client.tokenUri().toString())
					: ClientRegistrations.fromIssuerLocation(this.client.issuerUri().toString())
						.registrationId(REGISTRATION);
			return builder.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
				.clientId(this.client.clientId())
				.clientSecret(this.client.clientSecret())
				.scope(this.client.scope().split("[\\s,]+"))
				.build();
		}

	}

	/** The page of invoices after {@code after} (null: the first page). */
	DigestPage page(UUID after, int size) {
		return this.http.get()
			.uri((uri) -> uri.path("/api/ops/reconciliation/digest")
				.queryParam("size", size)
				.queryParamIfPresent("after", java.util.Optional.ofNullable(after))
				.build())
			.retrieve()
			.body(DigestPage.class);
	}

	/** The given invoices as invoice-service knows them now (absent: never existed). */
	List<Entry> lookup(Collection<UUID> ids) {
		String list = ids.stream().map(UUID::toString).collect(Collectors.joining(","));
		DigestPage page = this.http.get()
			.uri((uri) -> uri.path("/api/ops/reconciliation/digest").queryParam("ids", list).build())
			.retrieve()
			.body(DigestPage.class);
		return (page != null) ? page.invoices() : List.of();
	}

	/**
	 * A digest page.
	 *
	 * @param invoices entries in id order
	 * @param next the {@code after} of the next page, null after the last
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record DigestPage(List<Entry> invoices, UUID next) {
	}

	/**
	 * An invoice as invoice-service knows it.
	 *
	 * @param invoiceId the invoice
	 * @param version its current version (of a deleted one: its deletion's)
	 * @param deleted whether it was deleted
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Entry(UUID invoiceId, long version, boolean deleted) {
	}

}
