package io.tally.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class DevCredentialsTest {

	@TempDir
	Path state;

	@Test
	void generatesSecretsPasswordsAndSubjectsOnceIntoAnOwnerOnlyFile() throws Exception {
		Path file = this.state.resolve("auth/credentials.properties");

		DevCredentials credentials = DevCredentials.loadOrCreate(file);

		assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(Files.getPosixFilePermissions(file.getParent()))
			.isEqualTo(PosixFilePermissions.fromString("rwx------"));
		assertThat(credentials.cli().id()).isEqualTo("tally-cli");
		assertThat(credentials.dashboard().id()).isEqualTo("tally-dashboard");
		assertThat(credentials.cli().secret()).hasSize(32).isNotEqualTo(credentials.dashboard().secret());
		assertThat(credentials.users()).extracting(DevCredentials.DemoUser::name)
			.containsExactly("finance", "viewer", "operator");
		assertThat(credentials.users()).allSatisfy((user) -> {
			assertThat(user.password()).matches("[a-z2-9]{4}(-[a-z2-9]{4}){3}");
			assertThat(UUID.fromString(user.subject())).isNotNull();
		});
		assertThat(credentials.users().stream().map(DevCredentials.DemoUser::subject).distinct()).hasSize(3);
		// the auth-server imports the file as Spring properties
		assertThat(Files.readString(file)).contains("tally.auth.clients.cli.secret=" + credentials.cli().secret(),
				"tally.auth.users.viewer.password=" + credentials.user("viewer").password(),
				"tally.auth.users.viewer.subject=" + credentials.user("viewer").subject());
	}

	@Test
	void reusesWhatWasGeneratedBefore() {
		Path file = this.state.resolve("auth/credentials.properties");
		DevCredentials first = DevCredentials.loadOrCreate(file);

		DevCredentials again = DevCredentials.loadOrCreate(file);

		assertThat(again).isEqualTo(first);
	}

	@Test
	void fillsInWhatIsMissingAndKeepsTheRest() throws Exception {
		Path file = this.state.resolve("auth/credentials.properties");
		DevCredentials first = DevCredentials.loadOrCreate(file);
		List<String> lines = Files.readAllLines(file);
		Files.write(file, lines.stream().filter((line) -> !line.startsWith("tally.auth.users.operator.")).toList());

		DevCredentials repaired = DevCredentials.loadOrCreate(file);

		assertThat(repaired.cli()).isEqualTo(first.cli());
		assertThat(repaired.user("finance")).isEqualTo(first.user("finance"));
		assertThat(repaired.user("operator").password()).isNotEqualTo(first.user("operator").password());
		assertThat(DevCredentials.loadOrCreate(file)).isEqualTo(repaired);
	}

}
