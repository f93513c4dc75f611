package io.tally.load;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What {@code --stack-dir} finds in a {@code ./run-local.sh} state directory: the ports
 * of the database, the broker and the registry ({@code stack.properties}), the broker's
 * super-user client settings ({@code kafka/admin-client.properties}, when it requires
 * SASL) and, once the stack runs an authorization server, its port and the generated
 * secret of the {@code tally-cli} client ({@code auth/credentials.properties}).
 */
final class LocalStackState {

	static final String CLI_CLIENT = "tally-cli";

	private static final String CLI_SECRET = "tally.auth.clients.cli.secret";

	private final Path directory;

	private final Properties ports;

	private final Properties credentials;

	private LocalStackState(Path directory, Properties ports, Properties credentials) {
		this.directory = directory;
		this.ports = ports;
		this.credentials = credentials;
	}

	static LocalStackState read(Path directory) {
		Path file = directory.resolve("stack.properties");
		Properties ports = load(file);
		if (ports == null) {
			throw new IllegalArgumentException("--stack-dir: cannot read " + file);
		}
		Properties credentials = load(directory.resolve("auth").resolve("credentials.properties"));
		return new LocalStackState(directory, ports, (credentials != null) ? credentials : new Properties());
	}

	/**
	 * The invoice database: the stack's PostgreSQL, as the database's owner role (the
	 * reference figure creates a scratch schema), trust authentication on loopback.
	 */
	String invoiceJdbcUrl() {
		return "jdbc:postgresql://localhost:" + port("postgres.port") + "/invoices?user=invoices_owner";
	}

	/** The stack's broker. */
	String kafkaBootstrapServers() {
		return "localhost:" + port("kafka.port");
	}

	/** The stack's schema registry. */
	String registryUrl() {
		return "http://localhost:" + port("registry.port");
	}

	/**
	 * The client settings of the broker's super user, or null when the broker lets anyone
	 * in ({@code --kafka-plaintext}, recorded as {@code kafka.security}; the file may be
	 * left from an earlier start with SASL).
	 */
	Path kafkaClientConfig() {
		if ("PLAINTEXT".equals(this.ports.getProperty("kafka.security", "").trim())) {
			return null;
		}
		Path file = this.directory.resolve("kafka").resolve("admin-client.properties");
		return Files.isReadable(file) ? file : null;
	}

	private String port(String name) {
		String port = this.ports.getProperty(name);
		if (port == null) {
			throw new IllegalArgumentException("--stack-dir: stack.properties names no " + name);
		}
		return port.trim();
	}

	/**
	 * The token endpoint of the stack's authorization server, or null when it has none.
	 */
	String tokenUrl() {
		String port = this.ports.getProperty("auth.port");
		return (port != null && cliSecret() != null) ? "http://localhost:" + port.trim() + "/oauth2/token" : null;
	}

	/** The generated secret of {@code tally-cli}, or null. */
	String cliSecret() {
		return this.credentials.getProperty(CLI_SECRET);
	}

	private static Properties load(Path file) {
		if (!Files.isReadable(file)) {
			return null;
		}
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(file)) {
			properties.load(reader);
			return properties;
		}
		catch (IOException ex) {
			return null;
		}
	}

}
