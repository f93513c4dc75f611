package io.tally.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Whole start-ups of the server: a restart keeps the signing key, and a missing secret
 * stops start-up with a message naming it.
 */
class AuthServerStartupTest {

	@Test
	void aTokenIssuedBeforeARestartStillVerifiesAfterIt() throws IOException {
		Path keyFile = TestIdentity.newKeyFile();
		String token;
		String keyId;
		int port = TestIdentity.freePort();
		try (ConfigurableApplicationContext first = start(TestIdentity.properties(port, keyFile))) {
			token = clientCredentialsToken(port);
			keyId = keyIdOf(port);
		}
		assertThat(keyFile).exists();
		assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		String keyBefore = Files.readString(keyFile);

		int otherPort = TestIdentity.freePort();
		try (ConfigurableApplicationContext second = start(TestIdentity.properties(otherPort, keyFile))) {
			Jwt verified = NimbusJwtDecoder.withJwkSetUri(TestIdentity.issuer(otherPort) + "/oauth2/jwks")
				.build()
				.decode(token);
			assertThat(verified.getSubject()).isEqualTo("tally-cli");
			assertThat(keyIdOf(otherPort)).isEqualTo(keyId);
		}
		assertThat(Files.readString(keyFile)).isEqualTo(keyBefore);
	}

	@Test
	void startUpWithoutSecretsFailsNamingEachMissingSetting() {
		Map<String, Object> properties = new HashMap<>(
				TestIdentity.properties(TestIdentity.freePort(), TestIdentity.newKeyFile()));
		properties.remove("tally.auth.clients.cli.secret");
		properties.remove("tally.auth.users.viewer.password");

		Throwable failure = catchThrowable(() -> start(properties).close());

		assertThat(failure).isNotNull();
		assertThat(rootCause(failure)).hasMessageContaining(
				"Missing required settings: tally.auth.clients.cli.secret, tally.auth.users.viewer.password");
	}

	private static ConfigurableApplicationContext start(Map<String, Object> properties) {
		// as command-line arguments: they take precedence over application.yml
		String[] arguments = properties.entrySet()
			.stream()
			.map((property) -> "--" + property.getKey() + "=" + property.getValue())
			.toArray(String[]::new);
		return new SpringApplicationBuilder(AuthServerApplication.class).run(arguments);
	}

	private static String clientCredentialsToken(int port) {
		OAuthClient.TokenResponse response = new OAuthClient(TestIdentity.issuer(port)).token("tally-cli",
				TestIdentity.CLI_SECRET, Map.of("grant_type", "client_credentials", "scope", "revenue:read"));
		assertThat(response.status()).isEqualTo(200);
		return response.accessToken();
	}

	private static String keyIdOf(int port) {
		return new OAuthClient(TestIdentity.issuer(port)).getJson("/oauth2/jwks")
			.path("keys")
			.get(0)
			.path("kid")
			.asString();
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

}
