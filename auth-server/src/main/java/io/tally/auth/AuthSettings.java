package io.tally.auth;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The identity provider's clients, users, signing key and token lifetime. Nothing secret
 * has a default: a missing secret, password or user id stops start-up with a message
 * naming the property.
 *
 * @param keyFile the RSA JWK that signs tokens; created (owner-only) when absent
 * @param accessTokenTimeToLive how long an access token is valid
 * @param clients the two registered clients
 * @param users user name → subject id, password and the API scopes the user may receive
 */
@ConfigurationProperties("tally.auth")
record AuthSettings(Path keyFile, Duration accessTokenTimeToLive, Clients clients, Map<String, User> users) {

	private static final String PREFIX = "tally.auth.";

	AuthSettings {
		users = (users != null) ? Map.copyOf(users) : Map.of();
		List<String> missing = new ArrayList<>();
		require(missing, keyFile, "key-file");
		require(missing, accessTokenTimeToLive, "access-token-time-to-live");
		Cli cli = (clients != null) ? clients.cli() : null;
		Dashboard dashboard = (clients != null) ? clients.dashboard() : null;
		require(missing, (cli != null) ? cli.id() : null, "clients.cli.id");
		require(missing, (cli != null) ? cli.secret() : null, "clients.cli.secret");
		require(missing, (cli != null) ? cli.scopes() : null, "clients.cli.scopes");
		require(missing, (dashboard != null) ? dashboard.id() : null, "clients.dashboard.id");
		require(missing, (dashboard != null) ? dashboard.secret() : null, "clients.dashboard.secret");
		require(missing, (dashboard != null) ? dashboard.redirectUris() : null, "clients.dashboard.redirect-uris");
		require(missing, (dashboard != null) ? dashboard.scopes() : null, "clients.dashboard.scopes");
		users.forEach((name, user) -> {
			require(missing, user.subject(), "users." + name + ".subject");
			require(missing, user.password(), "users." + name + ".password");
			require(missing, user.scopes(), "users." + name + ".scopes");
		});
		if (!missing.isEmpty()) {
			throw new IllegalStateException("Missing required settings: " + String.join(", ", missing)
					+ ". The development identity provider ships no secrets, passwords or user ids: "
					+ "set them (./run-local.sh generates them into its state directory; see auth-server/README.md).");
		}
		requireOpaqueSubjects(users);
	}

	private static void require(List<String> missing, Object value, String property) {
		boolean absent = (value == null) || (value instanceof String text && text.isBlank())
				|| (value instanceof java.util.Collection<?> values && values.isEmpty());
		if (absent) {
			missing.add(PREFIX + property);
		}
	}

	// a subject goes into tokens, audit columns and events: it must not reveal who the
	// user is, and two users must never share one
	private static void requireOpaqueSubjects(Map<String, User> users) {
		Set<String> seen = new HashSet<>();
		users.forEach((name, user) -> {
			if (user.subject().equalsIgnoreCase(name)) {
				throw new IllegalStateException(PREFIX + "users." + name
						+ ".subject must be an opaque id (e.g. a UUID generated per installation), not the user name");
			}
			if (!seen.add(user.subject())) {
				throw new IllegalStateException(
						PREFIX + "users." + name + ".subject is already the subject of another user");
			}
		});
	}

	/** The client for scripts, seeding, load tests and tests, and the dashboard's. */
	record Clients(Cli cli, Dashboard dashboard) {
	}

	/**
	 * The confidential client-credentials client ({@code tally-cli}).
	 *
	 * @param id client id
	 * @param secret client secret (required)
	 * @param scopes the scopes it may request
	 */
	record Cli(String id, String secret, Set<String> scopes) {
	}

	/**
	 * The dashboard: a confidential client using authorization code + PKCE and refresh
	 * tokens; first-party, so no consent screen.
	 *
	 * @param id client id
	 * @param secret client secret (required)
	 * @param redirectUris where the authorization code may be sent
	 * @param postLogoutRedirectUris where RP-initiated logout may return to
	 * @param scopes the scopes it may request (each user receives only those their role
	 * allows)
	 */
	record Dashboard(String id, String secret, List<String> redirectUris, List<String> postLogoutRedirectUris,
			Set<String> scopes) {
	}

	/**
	 * A user who signs in through the login page.
	 *
	 * @param subject the stable opaque id tokens carry as {@code sub}
	 * @param password the password (required, never logged)
	 * @param scopes the API scopes tokens for this user may carry
	 */
	record User(String subject, String password, Set<String> scopes) {
	}

}
