package io.tally.testsupport.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tests' one JSON-over-HTTP client: tests talk to a service exactly as any client
 * would, over a real socket.
 */
public final class JsonHttp {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String baseUrl;

	private final Supplier<String> authorization;

	/** A client for absolute URLs. */
	public JsonHttp() {
		this("");
	}

	/** A client for paths below {@code baseUrl}, e.g. {@code http://localhost:8080}. */
	public JsonHttp(String baseUrl) {
		this(baseUrl, () -> null);
	}

	/**
	 * A client for paths below {@code baseUrl} that sends
	 * {@code Authorization: <authorization>} on every request (e.g. a bearer token that
	 * the supplier renews); a {@code null} value sends none.
	 */
	public JsonHttp(String baseUrl, Supplier<String> authorization) {
		this.baseUrl = baseUrl;
		this.authorization = authorization;
	}

	/** The shared JSON mapper of the tests. */
	public static JsonMapper json() {
		return JSON;
	}

	/** The base URL of a service listening on {@code localhost:port}. */
	public static JsonHttp localhost(int port) {
		return new JsonHttp("http://localhost:" + port);
	}

	public Response get(String path, String... headers) {
		return send("GET", path, null, headers);
	}

	public Response post(String path, String json, String... headers) {
		return send("POST", path, json, headers);
	}

	public Response put(String path, String json, String... headers) {
		return send("PUT", path, json, headers);
	}

	public Response delete(String path, String... headers) {
		return send("DELETE", path, null, headers);
	}

	/**
	 * Sends a request with an optional JSON body.
	 * @param headers name, value, name, value, …
	 */
	public Response send(String method, String path, String json, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		String credentials = this.authorization.get();
		if (credentials != null) {
			request.header("Authorization", credentials);
		}
		if (headers.length > 0) {
			request.headers(headers);
		}
		request.method(method,
				(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		return exchange(request.build());
	}

	/** Sends a request built by hand (e.g. a chunked body). */
	public Response exchange(HttpRequest request) {
		try {
			HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The absolute URI of a path. */
	public URI uri(String path) {
		return URI.create(this.baseUrl + path);
	}

	/**
	 * An answer.
	 *
	 * @param status the HTTP status
	 * @param headers the response headers
	 * @param body the body as text (empty when there is none)
	 */
	public record Response(int status, HttpHeaders headers, String body) {

		/** The body as JSON; a missing node when it is empty or not JSON. */
		public JsonNode json() {
			if (this.body == null || this.body.isBlank()) {
				return JSON.missingNode();
			}
			try {
				return JSON.readTree(this.body);
			}
			catch (RuntimeException ex) {
				return JSON.missingNode();
			}
		}

		/** The first value of a header. */
		public Optional<String> header(String name) {
			return this.headers.firstValue(name);
		}

		/** This response, or an AssertionError naming status and body when unexpected. */
		public Response expect(int... statuses) {
			if (Arrays.stream(statuses).anyMatch((expected) -> expected == this.status)) {
				return this;
			}
			throw new AssertionError("Unexpected HTTP " + this.status + ": " + this.body);
		}

	}

}
