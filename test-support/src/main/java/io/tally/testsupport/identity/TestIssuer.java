package io.tally.testsupport.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tiny OpenID Connect issuer for tests, in this JVM: it serves its discovery document
 * and its signing key (JWKS) over real HTTP, and mints RS256 access tokens with any
 * claims. A service under test points its {@code issuer-uri} here and verifies the tokens
 * exactly as it would verify a real provider's.
 */
public final class TestIssuer implements AutoCloseable {

	/** The audience Tally's access tokens carry. */
	public static final String AUDIENCE = "tally";

	/** Every scope of the API. */
	public static final List<String> ALL_SCOPES = List.of("invoices:read", "invoices:write", "revenue:read",
			"ops:admin");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final String issuer;

	private final RSAKey key;

	private final String discovery;

	private final String keySet;

	private final AtomicInteger keyRequests = new AtomicInteger();

	private TestIssuer(HttpServer server, String issuer, RSAKey key) {
		this.server = server;
		this.issuer = issuer;
		this.key = key;
		// written once, so that even the first answer is quick (resource servers give
		// the provider half a second by default)
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("issuer", issuer);
		document.put("jwks_uri", issuer + "/jwks");
		document.put("response_types_supported", List.of("code"));
		document.put("subject_types_supported", List.of("public"));
		document.put("id_token_signing_alg_values_supported", List.of("RS256"));
		this.discovery = JSON.writeValueAsString(document);
		this.keySet = new JWKSet(key.toPublicJWK()).toString();
	}

	/** An issuer on a free port of the loopback interface, with a fresh RSA key. */
	public static TestIssuer start() {
		return startOn(0);
	}

	/**
	 * An issuer on {@code port} of the loopback interface (0: a free one), with a fresh
	 * RSA key: e.g. one that comes up late, where a service expects it.
	 */
	public static TestIssuer startOn(int port) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
			String issuer = "http://localhost:" + server.getAddress().getPort();
			RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString())
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.generate();
			TestIssuer testIssuer = new TestIssuer(server, issuer, key);
			server.createContext("/.well-known/openid-configuration", testIssuer::discovery);
			server.createContext("/jwks", testIssuer::jwks);
			// several services under test may ask at once; daemon threads never hold the
			// JVM
			server.setExecutor(Executors.newFixedThreadPool(4, (task) -> {
				Thread thread = new Thread(task, "test-issuer");
				thread.setDaemon(true);
				return thread;
			}));
			server.start();
			return testIssuer;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not start the test issuer", ex);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("could not generate the test issuer's key", ex);
		}
	}

	/**
	 * The issuer URL: the {@code iss} of its tokens and a service's {@code issuer-uri}.
	 */
	public String issuerUri() {
		return this.issuer;
	}

	/** How often the signing keys were fetched (a resource server caches them). */
	public int keyRequests() {
		return this.keyRequests.get();
	}

	/**
	 * A token to shape: by default issued by this issuer now, for {@link #AUDIENCE},
	 * valid for five minutes, subject {@code test-client}, no scope.
	 */
	public Token token() {
		return new Token(this);
	}

	/**
	 * {@code Bearer <token>} with {@code scopes} and the defaults of {@link #token()}.
	 */
	public String bearer(String... scopes) {
		return token().scopes(scopes).bearer();
	}

	/**
	 * Stops serving: a service that has not fetched the keys yet cannot verify tokens.
	 */
	@Override
	public void close() {
		this.server.stop(0);
	}

	private void discovery(HttpExchange exchange) throws IOException {
		respond(exchange, this.discovery);
	}

	private void jwks(HttpExchange exchange) throws IOException {
		this.keyRequests.incrementAndGet();
		respond(exchange, this.keySet);
	}

	private static void respond(HttpExchange exchange, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		exchange.getResponseBody().write(body);
		exchange.close();
	}

	/** An access token being shaped; {@link #jwt()} signs it. */
	public static final class Token {

		private TestIssuer signer;

		private final JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();

		private Token(TestIssuer issuer) {
			this.signer = issuer;
			Instant now = Instant.now();
			this.claims.issuer(issuer.issuer)
				.subject("test-client")
				.audience(AUDIENCE)
				.issueTime(Date.from(now))
				.expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
				.jwtID(UUID.randomUUID().toString());
		}

		/** The {@code scope} claim: the scopes, space-separated (none: no claim). */
		public Token scopes(String... scopes) {
			this.claims.claim("scope", (scopes.length == 0) ? null : String.join(" ", scopes));
			return this;
		}

		/** The {@code aud} claim (none: no claim). */
		public Token audience(String... audiences) {
			this.claims.audience((audiences.length == 0) ? null : new ArrayList<>(List.of(audiences)));
			return this;
		}

		/** The {@code iss} claim. */
		public Token issuer(String issuerUri) {
			this.claims.issuer(issuerUri);
			return this;
		}

		/** The {@code sub} claim. */
		public Token subject(String subject) {
			this.claims.subject(subject);
			return this;
		}

		/** Issued {@code age} ago and expired {@code since} ago. */
		public Token expired(Duration age, Duration since) {
			Instant now = Instant.now();
			this.claims.issueTime(Date.from(now.minus(age))).expirationTime(Date.from(now.minus(since)));
			return this;
		}

		/** Without {@code exp}: a token that would never expire. */
		public Token withoutExpiry() {
			this.claims.expirationTime(null);
			return this;
		}

		/** Any other claim ({@code null} removes it). */
		public Token claim(String name, Object value) {
			this.claims.claim(name, value);
			return this;
		}

		/**
		 * Signed with another issuer's key (whose key id this issuer does not publish),
		 * the claims unchanged: a forgery.
		 */
		public Token signedBy(TestIssuer other) {
			this.signer = other;
			return this;
		}

		/** The signed token, in compact form. */
		public String jwt() {
			RSAKey key = this.signer.key;
			SignedJWT jwt = new SignedJWT(
					new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
					this.claims.build());
			try {
				jwt.sign(new RSASSASigner(key));
			}
			catch (JOSEException ex) {
				throw new IllegalStateException("could not sign a test token", ex);
			}
			return jwt.serialize();
		}

		/** {@code Bearer <jwt>}, the value of an {@code Authorization} header. */
		public String bearer() {
			return "Bearer " + jwt();
		}

	}

}
