package io.tally.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Client-credentials access tokens for scripts, tests and load tools: fetched from a
 * token endpoint with plain {@code java.net.http} and reused until shortly before they
 * expire. Thread-safe; works with any OAuth2 provider.
 */
public final class AccessTokens {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final URI tokenEndpoint;

	private final String clientId;

	private final String clientSecret;

	private final List<String> scopes;

	private final Clock clock;

	private String token;

	private Instant renewAt = Instant.MIN;

	/**
	 * Tokens for {@code clientId} with {@code scopes} from {@code tokenEndpoint}.
	 */
	public AccessTokens(URI tokenEndpoint, String clientId, String clientSecret, Collection<String> scopes) {
		this(tokenEndpoint, clientId, clientSecret, scopes, Clock.systemUTC());
	}

	AccessTokens(URI tokenEndpoint, String clientId, String clientSecret, Collection<String> scopes, Clock clock) {
		this.tokenEndpoint = tokenEndpoint;
		this.clientId = clientId;
		this.clientSecret = clientSecret;
		this.scopes = List.copyOf(scopes);
		this.clock = clock;
	}

	/**
	 * Tokens from the token endpoint that {@code issuer}'s OpenID discovery document
	 * names (for any provider: Keycloak's endpoint differs from the auth-server's).
	 */
	public static AccessTokens discover(String issuer, String clientId, String clientSecret,
			Collection<String> scopes) {
		URI discovery = URI.create(issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration");
		JsonNode document = new AccessTokens(discovery, clientId, clientSecret, scopes)
			.send(HttpRequest.newBuilder(discovery).GET(), "discovery document");
		String tokenEndpoint = document.path("token_endpoint").asString("");
		if (tokenEndpoint.isEmpty()) {
			throw new IllegalStateException(discovery + " names no token_endpoint");
		}
		return new AccessTokens(URI.create(tokenEndpoint), clientId, clientSecret, scopes);
	}

	/**
	 * A valid access token: the last one while it has more than a minute (or a fifth of
	 * its lifetime) to live, else a new one.
	 */
	public synchronized String token() {
		if (this.token == null || !this.clock.instant().isBefore(this.renewAt)) {
			fetch();
		}
		return this.token;
	}

	/** {@code Bearer <token>}, the value of an {@code Authorization} header. */
	public String authorization() {
		return "Bearer " + token();
	}

	private void fetch() {
		Instant requested = this.clock.instant();
		String form = "grant_type=client_credentials&scope="
				+ URLEncoder.encode(String.join(" ", this.scopes), StandardCharsets.UTF_8);
		String basic = Base64.getEncoder()
			.encodeToString((encode(this.clientId) + ":" + encode(this.clientSecret)).getBytes(StandardCharsets.UTF_8));
		JsonNode answer = send(HttpRequest.newBuilder(this.tokenEndpoint)
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(form)), "token");
		String accessToken = answer.path("access_token").asString("");
		if (accessToken.isEmpty()) {
			throw new IllegalStateException(this.tokenEndpoint + " answered without an access_token");
		}
		Duration lifetime = Duration.ofSeconds(answer.path("expires_in").asLong(60));
		Duration margin = lifetime.dividedBy(5).compareTo(Duration.ofMinutes(1)) < 0 ? lifetime.dividedBy(5)
				: Duration.ofMinutes(1);
		this.token = accessToken;
		this.renewAt = requested.plus(lifetime).minus(margin);
	}

	private JsonNode send(HttpRequest.Builder request, String what) {
		try {
			HttpResponse<String> response = this.http.send(request.timeout(Duration.ofSeconds(15)).build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				// the error code and description only: the body of a refusal never holds
				// a
				// token, but keep the message short
				JsonNode error = parse(response.body());
				throw new IllegalStateException(
						request.build().uri() + " refused the " + what + " request: HTTP " + response.statusCode() + " "
								+ error.path("error").asString("") + (error.has("error_description")
										? " (" + error.path("error_description").asString() + ")" : ""));
			}
			return parse(response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot reach " + request.build().uri(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while fetching a token", ex);
		}
	}

	private static JsonNode parse(String body) {
		try {
			return json.readTree(body);
		}
		catch (RuntimeException ex) {
			return json.missingNode();
		}
	}

	// RFC 6749 §2.3.1: client id and secret are form-encoded before Basic encoding
	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
