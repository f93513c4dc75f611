package io.tally.load.http;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fetches tokens with the OAuth 2.0 client-credentials grant
 * ({@code client_secret_basic}). A token is fetched a few times per run at most, so the
 * JDK's HTTP client is fine here.
 */
public final class ClientCredentials implements AccessTokens.Fetcher {

	/** Used when the token response names no lifetime. */
	static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	private final URI tokenUrl;

	private final String basicAuthorization;

	private final String form;

	/**
	 * A fetcher for one client.
	 * @param tokenUrl the token endpoint
	 * @param clientId the client id
	 * @param clientSecret the client secret
	 * @param scope space-separated scopes, or null for the client's default
	 */
	public ClientCredentials(URI tokenUrl, String clientId, String clientSecret, String scope) {
		this.tokenUrl = tokenUrl;
		String pair = form(clientId) + ":" + form(clientSecret);
		this.basicAuthorization = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
		this.form = "grant_type=client_credentials"
				+ ((scope != null && !scope.isBlank()) ? "&scope=" + form(scope.trim()) : "");
	}

	@Override
	public AccessTokens.AccessToken fetch() throws IOException {
		HttpRequest request = HttpRequest.newBuilder(this.tokenUrl)
			.timeout(Duration.ofSeconds(10))
			.header("Authorization", this.basicAuthorization)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(this.form))
			.build();
		HttpResponse<String> response;
		try {
			response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while fetching a token", ex);
		}
		if (response.statusCode() != 200) {
			// the body of an OAuth error names the error, never a secret
			throw new IOException("Token endpoint " + this.tokenUrl + " answered " + response.statusCode() + ": "
					+ abbreviate(response.body()));
		}
		try {
			JsonNode body = JSON.readTree(response.body());
			String token = body.path("access_token").asString(null);
			if (token == null || token.isBlank()) {
				throw new IOException("Token endpoint " + this.tokenUrl + " sent no access_token");
			}
			long seconds = body.path("expires_in").asLong(0);
			return new AccessTokens.AccessToken(token, (seconds > 0) ? Duration.ofSeconds(seconds) : DEFAULT_LIFETIME);
		}
		catch (JacksonException ex) {
			throw new IOException("Token endpoint " + this.tokenUrl + " sent no JSON", ex);
		}
	}

	private static String form(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static String abbreviate(String text) {
		return (text.length() > 200) ? text.substring(0, 200) + "…" : text;
	}

}
