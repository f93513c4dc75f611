package io.tally.localstack;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link AccessTokens} against a scripted token endpoint (the real auth-server is
 * exercised by auth-server's and system-tests' tests).
 */
class AccessTokensTest {

	private final AtomicInteger issued = new AtomicInteger();

	private final List<String> requests = new CopyOnWriteArrayList<>();

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));

	private HttpServer server;

	private volatile int status = 200;

	@BeforeEach
	void startTokenEndpoint() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/oauth2/token", this::answer);
		this.server.createContext("/.well-known/openid-configuration",
				(exchange) -> reply(exchange, 200, "{\"token_endpoint\":\"" + base() + "/oauth2/token\"}"));
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void sendsTheClientsCredentialsAndScopesAndReusesTheTokenUntilShortlyBeforeItExpires() {
		AccessTokens tokens = new AccessTokens(URI.create(base() + "/oauth2/token"), "tally-cli", "s3cret",
				List.of("invoices:read", "revenue:read"), this.clock);

		String first = tokens.token();
		this.clock.advance(Duration.ofMinutes(3).plusSeconds(59));
		String stillFirst = tokens.token();
		this.clock.advance(Duration.ofSeconds(1));
		String renewed = tokens.token();

		assertThat(first).isEqualTo("token-1").isEqualTo(stillFirst);
		assertThat(renewed).isEqualTo("token-2");
		assertThat(tokens.authorization()).isEqualTo("Bearer token-2");
		assertThat(this.requests).hasSize(2);
		assertThat(URLDecoder.decode(this.requests.get(0), StandardCharsets.UTF_8))
			.isEqualTo("Basic dGFsbHktY2xpOnMzY3JldA== grant_type=client_credentials&scope=invoices:read revenue:read");
	}

	@Test
	void findsTheTokenEndpointThroughDiscovery() {
		assertThat(AccessTokens.discover(base() + "/", "tally-cli", "s3cret", List.of("revenue:read")).token())
			.isEqualTo("token-1");
	}

	@Test
	void aRefusalNamesTheEndpointAndTheErrorButNotTheSecret() {
		this.status = 401;
		AccessTokens tokens = new AccessTokens(URI.create(base() + "/oauth2/token"), "tally-cli", "s3cret",
				List.of("revenue:read"), this.clock);

		assertThatIllegalStateException().isThrownBy(tokens::token)
			.withMessageContaining("/oauth2/token")
			.withMessageContaining("HTTP 401 invalid_client")
			.withMessageNotContaining("s3cret");
	}

	private void answer(HttpExchange exchange) throws IOException {
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		this.requests.add(exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
		if (this.status != 200) {
			reply(exchange, this.status, "{\"error\":\"invalid_client\"}");
			return;
		}
		reply(exchange, 200, "{\"access_token\":\"token-" + this.issued.incrementAndGet()
				+ "\",\"token_type\":\"Bearer\",\"expires_in\":300}");
	}

	private static void reply(HttpExchange exchange, int status, String json) throws IOException {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private String base() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** A clock the test moves. */
	private static final class MutableClock extends Clock {

		private volatile Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

}
