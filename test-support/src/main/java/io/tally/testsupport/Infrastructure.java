package io.tally.testsupport;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.tally.registry.standin.SchemaRegistryStandIn;
import io.tally.testsupport.identity.TestIssuer;

/**
 * Lazily started broker, database server, registry and token issuer for one JVM; the two
 * implementations differ only in how the broker and the server are started.
 */
abstract class Infrastructure {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

	private final Map<String, PostgresDatabase> databases = new ConcurrentHashMap<>();

	private final Map<String, ServiceDatabase> serviceDatabases = new ConcurrentHashMap<>();

	private String bootstrapServers;

	private SchemaRegistryStandIn registry;

	private TestIssuer issuer;

	private TestIssuer otherIssuer;

	static Infrastructure choose() {
		String forced = System.getenv().getOrDefault("TALLY_TEST_INFRA", "auto").toLowerCase(Locale.ROOT);
		Infrastructure chosen = switch (forced) {
			case "embedded" -> new EmbeddedInfrastructure();
			case "testcontainers" -> new ContainerInfrastructure();
			case "auto" -> ContainerInfrastructure.dockerAvailable() ? new ContainerInfrastructure()
					: new EmbeddedInfrastructure();
			default -> throw new IllegalStateException(
					"TALLY_TEST_INFRA must be embedded, testcontainers or auto, not '" + forced + "'");
		};
		log("test infrastructure: " + chosen.mode() + " (TALLY_TEST_INFRA=" + forced + ")");
		return chosen;
	}

	abstract String mode();

	/** Starts the broker and answers its bootstrap servers. */
	abstract String startKafka();

	/**
	 * Starts the server and answers the connection details of its administrative
	 * database.
	 */
	abstract PostgresDatabase startPostgres();

	abstract void stopAll();

	final synchronized String kafkaBootstrapServers() {
		if (this.bootstrapServers == null) {
			long started = System.nanoTime();
			this.bootstrapServers = startKafka();
			log("Kafka broker (" + mode() + ") at " + this.bootstrapServers + " in " + millisSince(started) + " ms");
		}
		return this.bootstrapServers;
	}

	final PostgresDatabase postgres(String databaseName) {
		if (!DATABASE_NAME.matcher(databaseName).matches()) {
			throw new IllegalArgumentException("not a plain lower-case database name: '" + databaseName + "'");
		}
		// the server first, in an update of its own: starting it inside the update of
		// another key is a recursive update of the map when both keys share a bin
		PostgresDatabase admin = this.databases.computeIfAbsent("postgres", (ignored) -> startServer());
		if (databaseName.equals("postgres")) {
			return admin;
		}
		return this.databases.computeIfAbsent(databaseName, (name) -> createDatabase(admin, name));
	}

	private PostgresDatabase startServer() {
		long started = System.nanoTime();
		PostgresDatabase server = startPostgres();
		log("PostgreSQL (" + mode() + ") at " + server.jdbcUrl() + " in " + millisSince(started) + " ms");
		return server;
	}

	final ServiceDatabase serviceDatabase(String databaseName) {
		PostgresDatabase admin = postgres(databaseName);
		return this.serviceDatabases.computeIfAbsent(databaseName, (name) -> createRoles(name, admin));
	}

	final synchronized TestIssuer issuer() {
		if (this.issuer == null) {
			this.issuer = TestIssuer.start();
			log("token issuer at " + this.issuer.issuerUri());
		}
		return this.issuer;
	}

	final synchronized TestIssuer otherIssuer() {
		if (this.otherIssuer == null) {
			this.otherIssuer = TestIssuer.start();
		}
		return this.otherIssuer;
	}

	final synchronized String schemaRegistryUrl() {
		if (this.registry == null) {
			this.registry = SchemaRegistryStandIn.start(0);
			log("schema-registry stand-in at " + this.registry.url());
		}
		return this.registry.url();
	}

	private synchronized PostgresDatabase createDatabase(PostgresDatabase admin, String name) {
		try (Connection connection = DriverManager.getConnection(admin.jdbcUrl(), admin.username(), admin.password())) {
			boolean exists;
			try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
				query.setString(1, name);
				try (ResultSet rows = query.executeQuery()) {
					exists = rows.next();
				}
			}
			if (!exists) {
				try (Statement create = connection.createStatement()) {
					// the name is checked against DATABASE_NAME above, so it is safe to
					// splice
					create.execute("CREATE DATABASE " + name);
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not create test database '" + name + "'", ex);
		}
		return new PostgresDatabase(withDatabase(admin.jdbcUrl(), name), admin.username(), admin.password());
	}

	/**
	 * The owner role takes the database and its schema {@code public} (no one else may
	 * create objects there, as on PostgreSQL 15+); the application role may connect and
	 * nothing more until a migration grants it its rights.
	 */
	private static synchronized ServiceDatabase createRoles(String name, PostgresDatabase admin) {
		ServiceDatabase.Login owner = new ServiceDatabase.Login(name + "_owner", randomPassword());
		ServiceDatabase.Login application = new ServiceDatabase.Login(name + "_app", randomPassword());
		// names are checked against DATABASE_NAME, passwords are hex: both are safe to
		// splice
		try (Connection connection = DriverManager.getConnection(admin.jdbcUrl(), admin.username(), admin.password());
				Statement statement = connection.createStatement()) {
			for (ServiceDatabase.Login login : List.of(owner, application)) {
				statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + login.username()
						+ "') THEN CREATE ROLE " + login.username() + " LOGIN; END IF; END $$");
				statement.execute("ALTER ROLE " + login.username() + " WITH LOGIN PASSWORD '" + login.password() + "'");
			}
			statement.execute("ALTER DATABASE " + name + " OWNER TO " + owner.username());
			statement.execute("ALTER SCHEMA public OWNER TO " + owner.username());
			statement.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not create the roles of test database '" + name + "'", ex);
		}
		return new ServiceDatabase(withoutCredentials(admin.jdbcUrl()), owner, application);
	}

	private static String randomPassword() {
		byte[] bytes = new byte[16];
		RANDOM.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	final synchronized void close() {
		if (this.registry != null) {
			this.registry.close();
		}
		for (TestIssuer started : new TestIssuer[] { this.issuer, this.otherIssuer }) {
			if (started != null) {
				started.close();
			}
		}
		stopAll();
	}

	/**
	 * The URL without {@code user} and {@code password} parameters (the embedded server's
	 * URL names its superuser, and the driver lets the URL win).
	 */
	static String withoutCredentials(String jdbcUrl) {
		int query = jdbcUrl.indexOf('?');
		if (query < 0) {
			return jdbcUrl;
		}
		String kept = Arrays.stream(jdbcUrl.substring(query + 1).split("&"))
			.filter((parameter) -> !parameter.startsWith("user=") && !parameter.startsWith("password="))
			.collect(Collectors.joining("&"));
		return jdbcUrl.substring(0, query) + (kept.isEmpty() ? "" : "?" + kept);
	}

	static String withDatabase(String jdbcUrl, String database) {
		int query = jdbcUrl.indexOf('?');
		String base = (query < 0) ? jdbcUrl : jdbcUrl.substring(0, query);
		String parameters = (query < 0) ? "" : jdbcUrl.substring(query);
		return base.substring(0, base.lastIndexOf('/') + 1) + database + parameters;
	}

	static void log(String message) {
		// plain stdout on purpose: this line must show in every build log, whatever the
		// logging set-up
		System.out.println("[tally-test-infra] " + message);
	}

	private static long millisSince(long startNanos) {
		return (System.nanoTime() - startNanos) / 1_000_000;
	}

}
