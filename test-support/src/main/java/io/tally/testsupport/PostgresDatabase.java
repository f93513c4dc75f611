package io.tally.testsupport;

/**
 * Connection details of one database on the shared test PostgreSQL server.
 *
 * @param jdbcUrl JDBC URL of the database
 * @param username user with full rights on it
 * @param password its password (empty for the embedded server)
 */
public record PostgresDatabase(String jdbcUrl, String username, String password) {
}
