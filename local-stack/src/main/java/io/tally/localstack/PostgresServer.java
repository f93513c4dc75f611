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
 * authentication and one database per service with two roles: the owner
 * ({@code <database>_owner}), which migrates the schema, and the application role
 * ({@code <database>_app}), which the service connects as and which the migration grants
 * row access only (least privilege); with the chosen {@link DatabaseDurability}.
 */
final class PostgresServer implements AutoCloseable {

	/**
	 * The role of databases made before the per-database roles; its objects move over.
	 */
	private static final String FORMER_OWNER = "tally";

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
			for (Service service : Service.values()) {
				ensureRole(connection, owner(service.database()));
				ensureRole(connection, applicationRole(service.database()));
				ensureDatabase(connection, service.database());
			}
		}
		for (Service service : Service.values()) {
			try (Connection connection = this.postgres.getDatabase("postgres", service.database()).getConnection()) {
				restrict(connection, service.database());
			}
		}
		log.info("PostgreSQL ready on port {} (data in {}, {} settings)", this.port, this.dataDirectory,
				this.durability.name().toLowerCase(Locale.ROOT));
	}

	/** The role that owns {@code database} and migrates its schema. */
	static String owner(String database) {
		return database + "_owner";
	}

	/** The role a service connects to {@code database} as. */
	static String applicationRole(String database) {
		return database + "_app";
	}

	String jdbcUrl(String database) {
		return jdbcUrl(this.port, database);
	}

	static String jdbcUrl(int port, String database) {
		return "jdbc:postgresql://localhost:" + port + "/" + database;
	}

	// role and database names come from the Service enum, never from input
	private static void ensureRole(Connection connection, String role) throws SQLException {
		if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", role)) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("CREATE ROLE " + role + " LOGIN");
			}
		}
	}

	private static void ensureDatabase(Connection connection, String database) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
				statement.execute("CREATE DATABASE " + database + " OWNER " + owner(database));
			}
			else {
				// a state directory from before the per-database roles
				statement.execute("ALTER DATABASE " + database + " OWNER TO " + owner(database));
			}
		}
	}

	/**
	 * Only the owner creates objects in the database (PostgreSQL 14 lets everyone create
	 * tables in {@code public}), and only its application role may connect besides it.
	 */
	private static void restrict(Connection connection, String database) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			if (exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", FORMER_OWNER)) {
				statement.execute("REASSIGN OWNED BY " + FORMER_OWNER + " TO " + owner(database));
			}
			statement.execute("ALTER SCHEMA public OWNER TO " + owner(database));
			statement.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
			statement.execute("REVOKE CONNECT, TEMPORARY ON DATABASE " + database + " FROM PUBLIC");
			statement.execute("GRANT CONNECT ON DATABASE " + database + " TO " + applicationRole(database));
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
