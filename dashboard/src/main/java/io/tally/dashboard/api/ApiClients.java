package io.tally.dashboard.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.time.Duration;

import io.tally.dashboard.DashboardProperties;
import io.tally.dashboard.security.ClientIds;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;

/**
 * The HTTP clients of the two services. Each request carries the signed-in user's access
 * token (refreshed when it expires; dropped from the session when a service rejects it),
 * so the services apply their own scopes to every call the dashboard makes for a user.
 */
@Configuration(proxyBeanMethods = false)
class ApiClients {

	@Bean
	@Qualifier("invoices")
	RestClient invoiceServiceClient(RestClient.Builder builder, DashboardProperties properties,
			OAuth2AuthorizedClientManager users, OAuth2AuthorizedClientRepository authorizedClients, JsonMapper json) {
		return client(builder, properties.invoiceServiceUrl().toString(), "invoice-service", users, authorizedClients,
				json);
	}

	@Bean
	@Qualifier("revenue")
	RestClient revenueServiceClient(RestClient.Builder builder, DashboardProperties properties,
			OAuth2AuthorizedClientManager users, OAuth2AuthorizedClientRepository authorizedClients, JsonMapper json) {
		return client(builder, properties.revenueServiceUrl().toString(), "revenue-service", users, authorizedClients,
				json);
	}

	private static RestClient client(RestClient.Builder builder, String baseUrl, String service,
			OAuth2AuthorizedClientManager users, OAuth2AuthorizedClientRepository authorizedClients, JsonMapper json) {
		OAuth2ClientHttpRequestInterceptor userToken = new OAuth2ClientHttpRequestInterceptor(users);
		userToken.setClientRegistrationIdResolver((request) -> ClientIds.USER);
		userToken.setAuthorizationFailureHandler(
				OAuth2ClientHttpRequestInterceptor.authorizationFailureHandler(authorizedClients));
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(2))
			.build());
		// a Tally-After read waits up to 2 s on the service's side
		requests.setReadTimeout(Duration.ofSeconds(6));
		return builder.clone()
			.baseUrl(baseUrl)
			.requestFactory(requests)
			.requestInterceptor(userToken)
			.requestInterceptor(new Unreachable(service))
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
				throw failure(service, response, json);
			})
			.build();
	}

	private static RuntimeException failure(String service, ClientHttpResponse response, JsonMapper json)
			throws IOException {
		int status = response.getStatusCode().value();
		if (status >= 500) {
			return new ServiceUnavailable(service, status);
		}
		return new ApiProblemException(problem(status, response, json));
	}

	private static ApiProblem problem(int status, ClientHttpResponse response, JsonMapper json) {
		try (InputStream body = response.getBody()) {
			ApiProblem parsed = json.readValue(body, ApiProblem.class);
			return new ApiProblem(status, parsed.type(), parsed.title(), parsed.detail(), parsed.errors());
		}
		catch (IOException | RuntimeException ex) {
			// a 401/403 from a resource server may come without a body
			return new ApiProblem(status, null, null, null, null);
		}
	}

}
