package io.tally.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A browser without a screen: a cookie jar, redirects followed one by one, the login form
 * with its CSRF token, and the token endpoint. Talks to the server over real HTTP.
 */
final class OAuthClient {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String baseUrl;

	OAuthClient(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	/** A token endpoint answer: the HTTP status and the JSON body. */
	record TokenResponse(int status, JsonNode body) {

		String accessToken() {
			return this.body.path("access_token").asString();
		}

	}

	/** An authorization request of the dashboard client, with its PKCE verifier. */
	record AuthorizationRequest(String url, String state, String codeVerifier) {
	}

	HttpResponse<String> get(String url) {
		return send(HttpRequest.newBuilder(URI.create(absolute(url))).header("Accept", "text/html").GET());
	}

	HttpResponse<String> postForm(String url, Map<String, String> form) {
		return send(HttpRequest.newBuilder(URI.create(absolute(url)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString(encode(form))));
	}

	/** POSTs to the token endpoint authenticating as {@code clientId} (HTTP Basic). */
	TokenResponse token(String clientId, String secret, Map<String, String> form) {
		String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(this.baseUrl + "/oauth2/token"))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(encode(form))));
		return new TokenResponse(response.statusCode(), json.readTree(response.body()));
	}

	JsonNode getJson(String url) {
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(absolute(url))).GET());
		if (response.statusCode() != 200) {
			throw new AssertionError("GET " + url + " answered " + response.statusCode() + ": " + response.body());
		}
		return json.readTree(response.body());
	}

	/** The dashboard's authorization request for {@code scope} with a fresh PKCE pair. */
	static AuthorizationRequest authorizationRequest(String clientId, String redirectUri, String scope) {
		String verifier = randomUrlSafe(32);
		String state = randomUrlSafe(12);
		Map<String, String> query = new LinkedHashMap<>();
		query.put("response_type", "code");
		query.put("client_id", clientId);
		query.put("redirect_uri", redirectUri);
		query.put("scope", scope);
		query.put("state", state);
		query.put("code_challenge", challenge(verifier));
		query.put("code_challenge_method", "S256");
		return new AuthorizationRequest("/oauth2/authorize?" + encode(query), state, verifier);
	}

	/**
	 * Signs in through the login page: the authorization request sends the browser to the
	 * form, the form post (with its CSRF token) back to the authorization endpoint.
	 * Answers the response to the form post.
	 */
	HttpResponse<String> signIn(AuthorizationRequest request, String username, String password) {
		HttpResponse<String> toLogin = get(request.url());
		expectRedirect(toLogin, "/login");
		HttpResponse<String> form = get(location(toLogin));
		return postForm("/login", Map.of("username", username, "password", password, "_csrf", csrfToken(form)));
	}

	/**
	 * Follows redirects from {@code response} until one leaves this server, and answers
	 * that location (the client's redirect URI with the code).
	 */
	URI followToClient(HttpResponse<String> response) {
		for (int hops = 0; hops < 5; hops++) {
			if (response.statusCode() != 302) {
				throw new AssertionError("Expected a redirect, got " + response.statusCode() + ": " + response.body());
			}
			URI location = URI.create(absolute(location(response)));
			if (!location.toString().startsWith(this.baseUrl)) {
				return location;
			}
			response = get(location.toString());
		}
		throw new AssertionError("Too many redirects");
	}

	static String csrfToken(HttpResponse<String> page) {
		Matcher matcher = CSRF.matcher(page.body());
		if (!matcher.find()) {
			throw new AssertionError("No CSRF token in the page: " + page.body());
		}
		return matcher.group(1);
	}

	static String location(HttpResponse<String> response) {
		return response.headers()
			.firstValue("Location")
			.orElseThrow(() -> new AssertionError("No Location header (HTTP " + response.statusCode() + ")"));
	}

	static void expectRedirect(HttpResponse<String> response, String pathSuffix) {
		if (response.statusCode() != 302 || !URI.create(location(response)).getPath().endsWith(pathSuffix)) {
			throw new AssertionError("Expected a redirect to " + pathSuffix + ", got " + response.statusCode() + " "
					+ response.headers().firstValue("Location").orElse(""));
		}
	}

	/** The value of query parameter {@code name} of {@code uri}, decoded. */
	static String queryParameter(URI uri, String name) {
		for (String pair : uri.getRawQuery().split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0 && pair.substring(0, equals).equals(name)) {
				return java.net.URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			}
		}
		return null;
	}

	private String absolute(String url) {
		return url.startsWith("http") ? url : this.baseUrl + url;
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.timeout(Duration.ofSeconds(15)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(Map<String, String> form) {
		return form.entrySet()
			.stream()
			.map((entry) -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	private static String challenge(String verifier) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String randomUrlSafe(int bytes) {
		byte[] random = new byte[bytes];
		new SecureRandom().nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

}
