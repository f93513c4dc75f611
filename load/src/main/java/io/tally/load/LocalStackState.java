package io.tally.load;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What {@code --stack-dir} finds in a {@code ./run-local.sh} state directory: the
 * database port ({@code stack.properties}) and, once the stack runs an authorization
 * server, its port and the generated secret of the {@code tally-cli} client
 * ({@code auth/credentials.properties}).
 */
final class LocalStackState {

	static final String CLI_CLIENT = "tally-cli";

	private static final String CLI_SECRET = "tally.auth.clients.cli.secret";

	private final Properties ports;

	private final Properties credentials;

	private LocalStackState(Properties ports, Properties credentials) {
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
		return new LocalStackState(ports, (credentials != null) ? credentials : new Properties());
	}

	/**
	 * The invoice database: the stack's PostgreSQL, user tally, trust authentication on
	 * loopback.
	 */
	String invoiceJdbcUrl() {
		String port = this.ports.getProperty("postgres.port");
		if (port == null) {
			throw new IllegalArgumentException("--stack-dir: stack.properties names no postgres.port");
		}
		return "jdbc:postgresql://localhost:" + port.trim() + "/invoices?user=tally";
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
