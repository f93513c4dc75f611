package io.tally.localstack;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What {@code ./run-local.sh} runs keeps its data where a user expects it: the launcher's
 * PostgreSQL reports durable settings.
 */
class LauncherDurabilityTest {

	@Test
	void theLaunchersPostgreSqlRunsWithDurableSettings() throws Exception {
		// --infra-only starts the auth-server too, from the checkout's build
		Path root = Path.of("..").toAbsolutePath().normalize();
		assumeTrue(Files.isRegularFile(StackSettings.authServerJar(root)),
				"the auth-server jar is built (the reactor builds it before this module)");
		Path state = Files.createDirectories(Path.of("target", "launcher-test-" + System.currentTimeMillis()));
		Path output = state.resolveSibling(state.getFileName() + ".out");
		Ports ports = Ports.randomFree();
		List<String> command = new ArrayList<>(ChildProcesses.javaCommand(List.of("-Xmx256m")));
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), LocalStackMain.class.getName(),
				"--infra-only", "--project-root=" + root, "--state-dir=" + state.toAbsolutePath(),
				"--kafka-port=" + ports.kafka(), "--auth-port=" + ports.authServer(),
				"--kafka-controller-port=" + ports.kafkaController(), "--registry-port=" + ports.registry(),
				"--postgres-port=" + ports.postgres()));
		Process launcher = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		try {
			await().atMost(Duration.ofMinutes(3))
				.until(() -> !launcher.isAlive()
						|| Files.readString(output, StandardCharsets.UTF_8).contains("Tally is up."));
			assertThat(launcher.isAlive()).as(Files.readString(output, StandardCharsets.UTF_8)).isTrue();
			try (Connection connection = DriverManager
				.getConnection(PostgresServer.jdbcUrl(ports.postgres(), "invoices"), "invoices_owner", "")) {
				assertThat(show(connection, "fsync")).isEqualTo("on");
				assertThat(show(connection, "synchronous_commit")).isEqualTo("on");
				assertThat(show(connection, "full_page_writes")).isEqualTo("on");
			}
		}
		finally {
			// Ctrl-C: the launcher stops everything it started
			launcher.destroy();
			assertThat(launcher.waitFor(2, TimeUnit.MINUTES)).isTrue();
		}
		StateDirectory.wipe(state);
	}

	static String show(Connection connection, String setting) throws Exception {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SHOW " + setting)) {
			result.next();
			return result.getString(1);
		}
	}

}
