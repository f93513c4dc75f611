package io.tally.load.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import io.tally.load.StubServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpConnectionTest {

	private final StubServer server;

	HttpConnectionTest() throws IOException {
		this.server = new StubServer();
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void keepsOneConnectionForManyRequests() throws IOException {
		this.server.on("/api/revenue/summary", (exchange) -> StubServer.respond(exchange, 200, "{\"totals\":[]}"));
		try (HttpConnection connection = connection(Authorization.NONE)) {
			for (int i = 0; i < 20; i++) {
				Response response = connection.get("/api/revenue/summary");
				assertThat(response.status()).isEqualTo(200);
				assertThat(response.text()).isEqualTo("{\"totals\":[]}");
			}
		}
		assertThat(this.server.requests).hasSize(20);
		assertThat(this.server.requests.stream().map(StubServer.Seen::clientPort).distinct()).hasSize(1);
	}

	@Test
	void sendsTheJsonBodyTheTokenAndIfMatch() throws IOException {
		this.server.on("/api/invoices", (exchange) -> {
			exchange.getResponseHeaders().set("ETag", "\"2\"");
			StubServer.respond(exchange, 200, "{}");
		});
		try (HttpConnection connection = connection(() -> "Bearer abc")) {
			Response response = connection.send("PUT", "/api/invoices/42", "{\"amountMinor\":5}".getBytes(),
					Header.ifMatch("\"1\""));
			assertThat(response.etagVersion()).isEqualTo(2);
		}
		StubServer.Seen seen = this.server.requests.get(0);
		assertThat(seen.method()).isEqualTo("PUT");
		assertThat(seen.path()).isEqualTo("/api/invoices/42");
		assertThat(seen.authorization()).isEqualTo("Bearer abc");
		assertThat(seen.ifMatch()).isEqualTo("\"1\"");
		assertThat(seen.contentType()).isEqualTo("application/json");
		assertThat(seen.body()).isEqualTo("{\"amountMinor\":5}");
	}

	@Test
	void readsLocationAndEtagOfACreation() throws IOException {
		this.server.on("/api/invoices", (exchange) -> {
			exchange.getResponseHeaders().set("Location", "/api/invoices/6f1c2b9e-2d7a-4c1e-9a51-0b7f3c2d1e00");
			exchange.getResponseHeaders().set("ETag", "\"1\"");
			StubServer.respond(exchange, 201, "{\"id\":\"6f1c2b9e-2d7a-4c1e-9a51-0b7f3c2d1e00\"}");
		});
		try (HttpConnection connection = connection(Authorization.NONE)) {
			Response response = connection.send("POST", "/api/invoices", "{}".getBytes(), null);
			assertThat(response.status()).isEqualTo(201);
			assertThat(response.locationId()).isEqualTo("6f1c2b9e-2d7a-4c1e-9a51-0b7f3c2d1e00");
			assertThat(response.etagVersion()).isEqualTo(1);
		}
	}

	@Test
	void readsChunkedBodiesAndEmptyOnes() throws IOException {
		this.server.on("/chunked", (exchange) -> {
			exchange.sendResponseHeaders(200, 0);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write("{\"a\":".getBytes(StandardCharsets.UTF_8));
				out.flush();
				out.write("1}".getBytes(StandardCharsets.UTF_8));
			}
		});
		this.server.on("/empty", (exchange) -> StubServer.respond(exchange, 204, null));
		try (HttpConnection connection = connection(Authorization.NONE)) {
			assertThat(connection.get("/chunked").text()).isEqualTo("{\"a\":1}");
			Response empty = connection.send("DELETE", "/empty", null, null);
			assertThat(empty.status()).isEqualTo(204);
			assertThat(empty.body()).isEmpty();
			assertThat(connection.get("/chunked").text()).isEqualTo("{\"a\":1}");
		}
		assertThat(this.server.requests.stream().map(StubServer.Seen::clientPort).distinct()).hasSize(1);
	}

	@Test
	void opensANewConnectionAfterTheServerSaysClose() throws IOException {
		this.server.on("/closing", (exchange) -> {
			exchange.getResponseHeaders().set("Connection", "close");
			StubServer.respond(exchange, 200, "{}");
		});
		try (HttpConnection connection = connection(Authorization.NONE)) {
			assertThat(connection.get("/closing").status()).isEqualTo(200);
			assertThat(connection.get("/closing").status()).isEqualTo(200);
		}
		assertThat(this.server.requests.stream().map(StubServer.Seen::clientPort).distinct()).hasSize(2);
	}

	@Test
	void sendsNothingWhenNoTokenCanBeHad() {
		this.server.on("/", (exchange) -> StubServer.respond(exchange, 200, "{}"));
		try (HttpConnection connection = connection(() -> {
			throw new TokenUnavailable("token endpoint down", null);
		})) {
			assertThatThrownBy(() -> connection.get("/")).isInstanceOf(TokenUnavailable.class);
		}
		assertThat(this.server.requests).isEmpty();
	}

	@Test
	void refusesWhatIsNotHttp() {
		assertThatThrownBy(() -> Endpoint.of("ftp://localhost:21")).hasMessageContaining("Not an http(s) URL");
		assertThat(Endpoint.of("http://localhost:8080/").hostHeader()).isEqualTo("localhost:8080");
		assertThat(Endpoint.of("https://tally.example/base/").url("/api")).isEqualTo("https://tally.example/base/api");
	}

	private HttpConnection connection(Authorization authorization) {
		return new HttpConnection(Endpoint.of(this.server.url()), 5000, authorization);
	}

}
