package io.tally.dashboard;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole application starts without its identity provider and services (they are read
 * on first use), and a sign-in attempt while the provider is down is a 503, not a 500.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "tally.dashboard.identity.client-secret=test-only",
				"tally.dashboard.identity.stream-client-secret=test-only",
				"tally.dashboard.identity.issuer=http://127.0.0.1:9", "tally.dashboard.live.enabled=false",
				"management.server.port=0" })
class DashboardApplicationTest {

	@Value("${local.server.port}")
	int port;

	@Value("${local.management.port}")
	int managementPort;

	@Test
	void startsWithoutItsIdentityProviderAndAnswers503WithRetryAfterUntilItIsThere() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/oauth2/authorization/tally"))
				.header("Accept", "text/html")
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Retry-After")).contains("5");
		assertThat(response.body()).contains("not available right now");
	}

	@Test
	void reportsOnTheManagementPortWhetherLiveUpdatesFlow() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + this.managementPort + "/actuator/health/revenueStream"))
				.build(), HttpResponse.BodyHandlers.ofString());

		// live updates are switched off here, so the stream is down; readiness does not
		// depend on it
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.body()).contains("\"DOWN\"");
		assertThat(HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + this.managementPort + "/actuator/health/readiness"))
				.build(), HttpResponse.BodyHandlers.ofString())
			.statusCode()).isEqualTo(200);
	}

}
