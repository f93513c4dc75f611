package io.tally.testsupport;

/**
 * A service's database on the shared test PostgreSQL server with the two roles of
 * production: the owner, which migrates the schema (Flyway), and the application role,
 * which may only read and write rows once the migration granted it that.
 *
 * @param jdbcUrl JDBC URL of the database
 * @param owner the role that owns the database and its schema
 * @param application the role the service connects as
 */
public record ServiceDatabase(String jdbcUrl, Login owner, Login application) {

	/**
	 * A role's credentials (generated per test JVM; the embedded server does not ask for
	 * them).
	 *
	 * @param username the role
	 * @param password its password
	 */
	public record Login(String username, String password) {
	}

}
