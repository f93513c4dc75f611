package io.tally.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small JSON-over-HTTP client: the system tests talk to the services exactly as any
 * client would, with a bearer token when given one.
 */
final class Http {

	static final JsonMapper json = JsonMapper.builder().build();

	private final Supplier<String> authorization;

	/** A client that sends no credentials. */
	Http() {
		this(() -> null);
	}

	/** A client that sends {@code Authorization: <authorization>} on every request. */
	Http(Supplier<String> authorization) {
		this.authorization = authorization;
	}

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(3))
		.build();

	/** A response; {@code body} is a missing node when the body is empty or not JSON. */
	record Response(int status, JsonNode body, String raw) {

		Response expect(int... statuses) {
			for (int expected : statuses) {
				if (this.status == expected) {
					return this;
				}
			}
			throw new AssertionError("Unexpected HTTP " + this.status + ": " + this.raw);
		}

	}

	Response get(String url) {
		return send(HttpRequest.newBuilder(URI.create(url)).GET(), Map.of());
	}

	Response post(String url, String body, Map<String, String> headers) {
		return send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body)), headers);
	}

	Response put(String url, String body, Map<String, String> headers) {
		return send(HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofString(body)), headers);
	}

	Response delete(String url) {
		return send(HttpRequest.newBuilder(URI.create(url)).DELETE(), Map.of());
	}

	private Response send(HttpRequest.Builder builder, Map<String, String> headers) {
		builder.timeout(Duration.ofSeconds(15)).header("Content-Type", "application/json");
		String credentials = this.authorization.get();
		if (credentials != null) {
			builder.header("Authorization", credentials);
		}
		headers.forEach(builder::header);
		try {
			HttpResponse<String> response = this.client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), parse(response.body()), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static JsonNode parse(String body) {
		if (body == null || body.isBlank()) {
			return json.missingNode();
		}
		try {
			return json.readTree(body);
		}
		catch (RuntimeException ex) {
			return json.missingNode();
		}
	}

}
