package io.tally.support.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Supplier;

import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Least privilege in PostgreSQL: after every migration (run by the owner role), the role
 * the application connects with may read and write the rows of the schema's tables and
 * use its sequences, nothing else: no DDL, no {@code TRUNCATE}, no write to Flyway's
 * history. Tables a later migration creates are covered twice: by the default privileges
 * set here and by the grants repeated after each migration. When the application connects
 * as the owner itself (a set-up without separate roles) nothing is granted.
 */
final class ApplicationRoleGrants implements Callback {

	private static final Logger log = LoggerFactory.getLogger(ApplicationRoleGrants.class);

	private final Supplier<String> applicationRole;

	/**
	 * @param applicationRole the role the application's data source connects as
	 */
	ApplicationRoleGrants(Supplier<String> applicationRole) {
		this.applicationRole = applicationRole;
	}

	@Override
	public boolean supports(Event event, Context context) {
		return event == Event.AFTER_MIGRATE;
	}

	@Override
	public boolean canHandleInTransaction(Event event, Context context) {
		return true;
	}

	@Override
	public void handle(Event event, Context context) {
		String application = this.applicationRole.get();
		Connection connection = context.getConnection();
		try {
			String owner = connection.getMetaData().getUserName();
			if (owner.equals(application)) {
				log.warn("The application connects as the role that migrates its schema ({}): it may change the "
						+ "schema, not only the data. Set spring.flyway.user to the owner role.", owner);
				return;
			}
			if (isSuperuser(connection, application)) {
				log.warn("The application role {} is a superuser: grants cannot restrict it", application);
			}
			String schema = schema(context, connection);
			for (String sql : statements(quote(schema), quote(application),
					quote(schema) + "." + quote(context.getConfiguration().getTable()))) {
				try (Statement statement = connection.createStatement()) {
					statement.execute(sql);
				}
			}
			log.info("Role {} may read and write the rows of schema {}, migrated by {}", application, schema, owner);
		}
		catch (SQLException ex) {
			throw new FlywayException("Could not grant the application role " + application + " its privileges", ex);
		}
	}

	@Override
	public String getCallbackName() {
		return "application role grants";
	}

	/** The statements, in order, for a schema, a role and Flyway's history table. */
	static List<String> statements(String schema, String role, String historyTable) {
		return List.of(
				// on PostgreSQL 14 and older every role may create tables in public
				"REVOKE CREATE ON SCHEMA " + schema + " FROM PUBLIC", "GRANT USAGE ON SCHEMA " + schema + " TO " + role,
				"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + schema + " TO " + role,
				"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA " + schema + " TO " + role,
				"ALTER DEFAULT PRIVILEGES IN SCHEMA " + schema + " GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "
						+ role,
				"ALTER DEFAULT PRIVILEGES IN SCHEMA " + schema + " GRANT USAGE, SELECT ON SEQUENCES TO " + role,
				// the migration history is the owner's alone
				"REVOKE ALL ON TABLE " + historyTable + " FROM " + role);
	}

	/** A PostgreSQL identifier, quoted. */
	static String quote(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

	private static String schema(Context context, Connection connection) throws SQLException {
		String configured = context.getConfiguration().getDefaultSchema();
		if (configured != null) {
			return configured;
		}
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT current_schema()")) {
			result.next();
			return result.getString(1);
		}
	}

	private static boolean isSuperuser(Connection connection, String role) throws SQLException {
		try (PreparedStatement query = connection.prepareStatement("SELECT rolsuper FROM pg_roles WHERE rolname = ?")) {
			query.setString(1, role);
			try (ResultSet result = query.executeQuery()) {
				return result.next() && result.getBoolean(1);
			}
		}
	}

}
