package io.tally.load.reference;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The invoice database as a JDBC URL names it
 * ({@code jdbc:postgresql://host:port/db?user=…}), in the pieces pgbench needs too.
 *
 * @param jdbcUrl the URL as given
 * @param host the host
 * @param port the port
 * @param database the database
 * @param user the user, or null for the default
 * @param password the password, or null
 */
public record PostgresTarget(String jdbcUrl, String host, int port, String database, String user, String password) {

	private static final String PREFIX = "jdbc:postgresql://";

	/** Parses a single-host PostgreSQL JDBC URL. */
	public static PostgresTarget parse(String jdbcUrl) {
		if (!jdbcUrl.startsWith(PREFIX)) {
			throw new IllegalArgumentException("Expected a jdbc:postgresql://host:port/database URL, got " + jdbcUrl);
		}
		String rest = jdbcUrl.substring(PREFIX.length());
		int query = rest.indexOf('?');
		Map<String, String> params = new LinkedHashMap<>();
		if (query >= 0) {
			for (String pair : rest.substring(query + 1).split("&")) {
				int eq = pair.indexOf('=');
				if (eq > 0) {
					params.put(pair.substring(0, eq),
							URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
				}
			}
			rest = rest.substring(0, query);
		}
		int slash = rest.indexOf('/');
		String hostPort = (slash >= 0) ? rest.substring(0, slash) : rest;
		String database = (slash >= 0) ? rest.substring(slash + 1) : "";
		if (hostPort.contains(",")) {
			throw new IllegalArgumentException("Only one host is supported in " + jdbcUrl);
		}
		String host = hostPort;
		int port = 5432;
		int colon = hostPort.lastIndexOf(':');
		if (colon > 0 && !hostPort.endsWith("]")) {
			host = hostPort.substring(0, colon);
			port = Integer.parseInt(hostPort.substring(colon + 1));
		}
		if (host.isEmpty()) {
			host = "localhost";
		}
		if (database.isEmpty()) {
			throw new IllegalArgumentException("No database in " + jdbcUrl);
		}
		return new PostgresTarget(jdbcUrl, host, port, database, params.get("user"), params.get("password"));
	}

	/** The URL without its query (where user and password may be). */
	String withoutCredentials() {
		return PREFIX + this.host + ":" + this.port + "/" + this.database;
	}

	@Override
	public String toString() {
		return withoutCredentials() + ((this.user != null) ? " (user " + this.user + ")" : "");
	}

}
