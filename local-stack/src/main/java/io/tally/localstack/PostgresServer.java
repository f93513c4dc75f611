package io.tally.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL from zonky's embedded binaries with a persistent data directory, trust
 * authentication, the role {@code tally}, one database per service and the chosen
 * {@link DatabaseDurability}.
 */
final class PostgresServer implements AutoCloseable {

	static final String USER = "tally";

	private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);

	private final Path dataDirectory;

	private final Path logFile;

	private final int port;

	private final DatabaseDurability durability;

	private EmbeddedPostgres postgres;

	PostgresServer(Path stateDirectory, Path logDirectory, int port, DatabaseDurability durability) {
		this.dataDirectory = stateDirectory.resolve("postgres");
		this.logFile = logDirectory.resolve("postgres.log");
		this.port = port;
		this.durability = durability;
	}

	void start(Duration timeout) throws IOException, SQLException {
		Files.createDirectories(this.logFile.getParent());
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
		// after the library's own -F (fsync off) on the command line, so these win
		this.durability.serverSettings().forEach(builder::setServerConfig);
		this.postgres = builder.setDataDirectory(this.dataDirectory)
			.setCleanDataDirectory(false)
			.setRegisterShutdownHook(false)
			.setPort(this.port)
			.setPGStartupWait(timeout)
			.setOutputRedirector(ProcessBuilder.Redirect.appendTo(this.logFile.toFile()))
			.setErrorRedirector(ProcessBuilder.Redirect.appendTo(this.logFile.toFile()))
			.start();
		try (Connection connection = this.postgres.getPostgresDatabase().getConnection()) {
			ensureRole(connection);
			for (Service service : Service.values()) {
				ensureDatabase(connection, service.database());
			}
		}
		log.info("PostgreSQL ready on port {} (data in {}, {} settings)", this.port, this.dataDirectory,
				this.durability.name().toLowerCase(Locale.ROOT));
	}

	String jdbcUrl(String database) {
		return jdbcUrl(this.port, database);
	}

	static String jdbcUrl(int port, String database) {
		return "jdbc:postgresql://localhost:" + port + "/" + database;
	}

	private static void ensureRole(Connection connection) throws SQLException {
		if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", USER)) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("CREATE ROLE " + USER + " LOGIN");
			}
		}
	}

	private static void ensureDatabase(Connection connection, String database) throws SQLException {
		if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
			try (Statement statement = connection.createStatement()) {
				// names come from the Service enum, never from input
				statement.execute("CREATE DATABASE " + database + " OWNER " + USER);
			}
		}
	}

	private static boolean exists(Connection connection, String sql, String name) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, name);
			try (ResultSet result = statement.executeQuery()) {
				return result.next();
			}
		}
	}

	@Override
	public void close() throws IOException {
		if (this.postgres != null) {
			this.postgres.close();
		}
	}

}
