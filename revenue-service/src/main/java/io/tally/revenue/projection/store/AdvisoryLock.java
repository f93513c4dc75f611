package io.tally.revenue.projection.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL session-level advisory lock held on one connection for as long as a piece
 * of work runs (one rebuild, one reconciliation run), so that only one instance of the
 * service does it at a time. If the instance dies the session ends and the lock frees
 * itself; work that must not overlap even then is fenced as well (the rebuild's owner
 * column).
 */
public final class AdvisoryLock implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(AdvisoryLock.class);

	private final Connection connection;

	private final long key;

	private AdvisoryLock(Connection connection, long key) {
		this.connection = connection;
		this.key = key;
	}

	/**
	 * Takes the lock if nobody holds it; empty when another session does.
	 * @throws SQLException when the database cannot be reached
	 */
	public static Optional<AdvisoryLock> tryAcquire(DataSource dataSource, long key) throws SQLException {
		Connection connection = dataSource.getConnection();
		try {
			connection.setAutoCommit(true);
			try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
				lock.setLong(1, key);
				try (ResultSet result = lock.executeQuery()) {
					result.next();
					if (result.getBoolean(1)) {
						return Optional.of(new AdvisoryLock(connection, key));
					}
				}
			}
		}
		catch (SQLException | RuntimeException ex) {
			connection.close();
			throw ex;
		}
		connection.close();
		return Optional.empty();
	}

	/** Releases the lock before the connection goes back to its pool. */
	@Override
	public void close() {
		try (PreparedStatement unlock = this.connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
			unlock.setLong(1, this.key);
			unlock.execute();
		}
		catch (SQLException ex) {
			log.debug("Unlocking advisory lock {} failed ({}); closing its session frees it", this.key,
					ex.getMessage());
		}
		finally {
			try {
				this.connection.close();
			}
			catch (SQLException ex) {
				log.debug("Closing the lock connection failed: {}", ex.getMessage());
			}
		}
	}

}
