package io.tally.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

import static org.awaitility.Awaitility.await;

/**
 * A lock a test holds in its own transaction on a test database, to stop an application's
 * statement in the middle of its transaction; the test can then kill that statement's
 * connection ({@code pg_terminate_backend}), as a database restart or a network failure
 * would.
 */
public final class PostgresLock implements AutoCloseable {

	private final Connection connection;

	private final int pid;

	/**
	 * Watches and terminates from outside the lock's transaction: PostgreSQL shows a
	 * transaction one snapshot of pg_stat_activity.
	 */
	private final Connection monitor;

	private PostgresLock(Connection connection, int pid, Connection monitor) {
		this.connection = connection;
		this.pid = pid;
		this.monitor = monitor;
	}

	/**
	 * Opens a connection, begins a transaction and runs {@code lockingSql} in it, e.g.
	 * {@code LOCK TABLE invoice IN SHARE MODE} or
	 * {@code SELECT 1 FROM invoice WHERE id = '…' FOR UPDATE}; the lock is held until
	 * {@link #close()}.
	 */
	public static PostgresLock hold(PostgresDatabase database, String lockingSql) {
		Connection connection = null;
		try {
			connection = connect(database);
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.execute(lockingSql);
				try (ResultSet pid = statement.executeQuery("SELECT pg_backend_pid()")) {
					pid.next();
					return new PostgresLock(connection, pid.getInt(1), connect(database));
				}
			}
		}
		catch (SQLException ex) {
			closeQuietly(connection);
			throw new IllegalStateException("Could not take the lock: " + lockingSql, ex);
		}
	}

	private static void closeQuietly(Connection connection) {
		if (connection != null) {
			try {
				connection.close();
			}
			catch (SQLException ex) {
				// the lock failed already; that is the failure worth reporting
			}
		}
	}

	/**
	 * Waits until another connection waits for this lock in a statement containing
	 * {@code queryFragment}, and returns that connection's backend pid.
	 */
	public int awaitBlocked(String queryFragment, Duration timeout) {
		return await().atMost(timeout)
			.pollInterval(Duration.ofMillis(20))
			.until(() -> blocked(queryFragment), Optional::isPresent)
			.orElseThrow();
	}

	/** Kills the backend of another connection, as an administrator would. */
	public void terminate(int backendPid) {
		try (PreparedStatement statement = this.monitor.prepareStatement("SELECT pg_terminate_backend(?)")) {
			statement.setInt(1, backendPid);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				if (!result.getBoolean(1)) {
					throw new IllegalStateException("Backend " + backendPid + " was not terminated");
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Connection connect(PostgresDatabase database) throws SQLException {
		return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
	}

	private Optional<Integer> blocked(String queryFragment) throws SQLException {
		try (PreparedStatement statement = this.monitor.prepareStatement(
				"SELECT pid FROM pg_stat_activity WHERE ? = ANY(pg_blocking_pids(pid)) AND strpos(query, ?) > 0")) {
			statement.setInt(1, this.pid);
			statement.setString(2, queryFragment);
			try (ResultSet result = statement.executeQuery()) {
				return result.next() ? Optional.of(result.getInt(1)) : Optional.empty();
			}
		}
	}

	/** Releases the lock: rolls back and closes the connection. */
	@Override
	public void close() {
		try (this.monitor; this.connection) {
			this.connection.rollback();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
