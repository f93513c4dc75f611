package io.tally.load.http;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import io.tally.load.StubServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientCredentialsTest {

	private final StubServer server;

	ClientCredentialsTest() throws IOException {
		this.server = new StubServer();
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void asksForAClientCredentialsTokenWithBasicAuthentication() throws IOException {
		this.server.on("/oauth2/token", (exchange) -> StubServer.respond(exchange, 200,
				"{\"access_token\":\"t0k3n\",\"token_type\":\"Bearer\",\"expires_in\":299}"));
		AccessTokens.AccessToken token = new ClientCredentials(URI.create(this.server.url() + "/oauth2/token"),
				"tally-cli", "s3cr:t", "invoices:write revenue:read")
			.fetch();
		assertThat(token.value()).isEqualTo("t0k3n");
		assertThat(token.lifetime()).isEqualTo(Duration.ofSeconds(299));
		StubServer.Seen seen = this.server.requests.get(0);
		assertThat(seen.method()).isEqualTo("POST");
		assertThat(seen.body()).isEqualTo("grant_type=client_credentials&scope=invoices%3Awrite+revenue%3Aread");
		assertThat(new String(Base64.getDecoder().decode(seen.authorization().substring("Basic ".length())),
				StandardCharsets.UTF_8))
			.isEqualTo("tally-cli:s3cr%3At");
	}

	@Test
	void namesTheRefusalOfTheTokenEndpoint() {
		this.server.on("/oauth2/token",
				(exchange) -> StubServer.respond(exchange, 401, "{\"error\":\"invalid_client\"}"));
		ClientCredentials credentials = new ClientCredentials(URI.create(this.server.url() + "/oauth2/token"),
				"tally-cli", "wrong", null);
		assertThatThrownBy(credentials::fetch).isInstanceOf(IOException.class)
			.hasMessageContaining("401")
			.hasMessageContaining("invalid_client")
			.hasMessageNotContaining("wrong");
	}

	@Test
	void assumesFiveMinutesWhenTheLifetimeIsNotGiven() throws IOException {
		this.server.on("/oauth2/token", (exchange) -> StubServer.respond(exchange, 200, "{\"access_token\":\"t\"}"));
		assertThat(new ClientCredentials(URI.create(this.server.url() + "/oauth2/token"), "c", "s", null).fetch()
			.lifetime()).isEqualTo(ClientCredentials.DEFAULT_LIFETIME);
	}

}
