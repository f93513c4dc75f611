package io.tally.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Settings for an auth-server under test: secrets, passwords and subject ids generated
 * per test JVM (none are committed), a fresh key file, an issuer on a chosen port.
 */
final class TestIdentity {

	static final String CLI_SECRET = random();

	static final String DASHBOARD_SECRET = random();

	static final String REDIRECT_URI = "http://localhost:8083/login/oauth2/code/tally";

	static final Map<String, String> PASSWORDS = Map.of("finance", random(), "viewer", random(), "operator", random());

	static final Map<String, String> SUBJECTS = Map.of("finance", UUID.randomUUID().toString(), "viewer",
			UUID.randomUUID().toString(), "operator", UUID.randomUUID().toString());

	private TestIdentity() {
	}

	/**
	 * Every required setting, with the server on {@code port} and its key in
	 * {@code keyFile}.
	 */
	static Map<String, Object> properties(int port, Path keyFile) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("server.port", port);
		properties.put("spring.security.oauth2.authorizationserver.issuer", issuer(port));
		properties.put("tally.auth.key-file", keyFile.toString());
		properties.put("tally.auth.clients.cli.secret", CLI_SECRET);
		properties.put("tally.auth.clients.dashboard.secret", DASHBOARD_SECRET);
		properties.put("tally.auth.clients.dashboard.redirect-uris", REDIRECT_URI);
		PASSWORDS.forEach((user, password) -> properties.put("tally.auth.users." + user + ".password", password));
		SUBJECTS.forEach((user, subject) -> properties.put("tally.auth.users." + user + ".subject", subject));
		return properties;
	}

	/** A port that was free a moment ago. */
	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String issuer(int port) {
		return "http://localhost:" + port;
	}

	static Path newKeyFile() {
		return Path.of("target", "test-keys", UUID.randomUUID() + ".json").toAbsolutePath();
	}

	private static String random() {
		byte[] bytes = new byte[24];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
