package io.tally.auth;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class AuthSettingsTest {

	private static final AuthSettings.Clients CLIENTS = new AuthSettings.Clients(
			new AuthSettings.Cli("tally-cli", "s1", Set.of("invoices:read")),
			new AuthSettings.Dashboard("tally-dashboard", "s2", List.of("http://localhost:8083/cb"), List.of(),
					Set.of("openid", "invoices:read")));

	@Test
	void acceptsCompleteSettings() {
		AuthSettings settings = settings(
				Map.of("viewer", new AuthSettings.User("3f1c", "pw", Set.of("invoices:read"))));

		assertThat(settings.users()).containsOnlyKeys("viewer");
	}

	@Test
	void namesEveryMissingSecretPasswordAndSubject() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new AuthSettings(null, Duration.ofMinutes(5),
					new AuthSettings.Clients(new AuthSettings.Cli("tally-cli", " ", Set.of("invoices:read")), null),
					Map.of("viewer", new AuthSettings.User(null, null, Set.of("invoices:read")))))
			.withMessageContaining("tally.auth.key-file")
			.withMessageContaining("tally.auth.clients.cli.secret")
			.withMessageContaining("tally.auth.clients.dashboard.secret")
			.withMessageContaining("tally.auth.users.viewer.subject")
			.withMessageContaining("tally.auth.users.viewer.password");
	}

	@Test
	void refusesTheUserNameAsSubject() {
		assertThatIllegalStateException()
			.isThrownBy(() -> settings(Map.of("viewer", new AuthSettings.User("Viewer", "pw", Set.of("a")))))
			.withMessageContaining("tally.auth.users.viewer.subject must be an opaque id");
	}

	@Test
	void refusesTwoUsersWithOneSubject() {
		assertThatIllegalStateException()
			.isThrownBy(() -> settings(Map.of("viewer", new AuthSettings.User("42", "pw", Set.of("a")), "finance",
					new AuthSettings.User("42", "pw2", Set.of("a")))))
			.withMessageContaining("is already the subject of another user");
	}

	private static AuthSettings settings(Map<String, AuthSettings.User> users) {
		return new AuthSettings(Path.of("key.json"), Duration.ofMinutes(5), CLIENTS, users);
	}

}
