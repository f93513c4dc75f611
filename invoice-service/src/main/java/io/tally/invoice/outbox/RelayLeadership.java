package io.tally.invoice.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leadership of the relay: the instance holding a PostgreSQL session-level advisory lock
 * on a dedicated connection publishes. The lock lives exactly as long as that session, so
 * a dead leader frees it by itself; the same connection LISTENs for the writers' NOTIFY.
 */
final class RelayLeadership implements AutoCloseable {

	static final String CHANNEL = "outbox";

	private static final int WAIT_SLICE_MILLIS = 500;

	private static final Logger log = LoggerFactory.getLogger(RelayLeadership.class);

	private final ConnectionSource connections;

	private final long lockKey;

	private volatile Connection connection;

	private volatile boolean leader;

	RelayLeadership(ConnectionSource connections, long lockKey) {
		this.connections = connections;
		this.lockKey = lockKey;
	}

	boolean isLeader() {
		return this.leader;
	}

	/**
	 * Tries once to take the lock; true when this instance is (now) the leader. A
	 * follower keeps its connection between tries instead of reconnecting every time.
	 */
	boolean tryAcquire() {
		if (this.leader) {
			return true;
		}
		Connection candidate = this.connection;
		try {
			if (candidate == null) {
				candidate = this.connections.open();
				candidate.setAutoCommit(true);
				this.connection = candidate;
			}
			try (PreparedStatement lock = candidate.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
				lock.setLong(1, this.lockKey);
				try (ResultSet result = lock.executeQuery()) {
					result.next();
					if (!result.getBoolean(1)) {
						return false;
					}
				}
			}
			try (Statement listen = candidate.createStatement()) {
				listen.execute("LISTEN " + CHANNEL);
			}
			this.leader = true;
			log.info("Outbox relay leadership acquired (lock {}, backend pid {})", this.lockKey, backendPid());
			return true;
		}
		catch (SQLException ex) {
			log.debug("Could not try the relay lock: {}", ex.getMessage());
			closeQuietly(candidate);
			this.connection = null;
			return false;
		}
	}

	/**
	 * Waits up to {@code timeout} for a NOTIFY from a writer, in short slices so a
	 * stopping relay is not held up. A broken connection means the lock is gone with it,
	 * so leadership ends here.
	 */
	void awaitNotification(Duration timeout, BooleanSupplier keepWaiting) {
		Connection current = this.connection;
		if (current == null) {
			return;
		}
		long deadline = System.nanoTime() + timeout.toNanos();
		try {
			PGConnection listener = current.unwrap(PGConnection.class);
			long remaining = timeout.toNanos();
			while (keepWaiting.getAsBoolean() && remaining > 0) {
				int slice = (int) Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(remaining), WAIT_SLICE_MILLIS));
				PGNotification[] notifications = listener.getNotifications(slice);
				if (current.isClosed()) {
					lost(null);
					return;
				}
				if (notifications != null && notifications.length > 0) {
					return;
				}
				remaining = deadline - System.nanoTime();
			}
		}
		catch (SQLException ex) {
			lost(ex);
		}
	}

	/**
	 * Confirms the lock connection still works (a round trip), else gives leadership up.
	 */
	void verify() {
		Connection current = this.connection;
		if (current == null) {
			return;
		}
		try {
			if (!current.isValid(2)) {
				lost(null);
			}
			else {
				// Drop notifications that piled up while draining: one look at the table
				// covers them all.
				current.unwrap(PGConnection.class).getNotifications();
			}
		}
		catch (SQLException ex) {
			lost(ex);
		}
	}

	/**
	 * PostgreSQL backend pid of the lock session, or -1; lets operators (and tests) find
	 * the session.
	 */
	int backendPid() {
		Connection current = this.connection;
		if (current == null) {
			return -1;
		}
		try (Statement statement = current.createStatement();
				ResultSet result = statement.executeQuery("SELECT pg_backend_pid()")) {
			result.next();
			return result.getInt(1);
		}
		catch (SQLException ex) {
			return -1;
		}
	}

	private void lost(SQLException cause) {
		if (this.leader) {
			log.warn("Outbox relay leadership lost: lock connection failed ({})",
					(cause != null) ? cause.getMessage() : "closed");
		}
		this.leader = false;
		closeQuietly(this.connection);
		this.connection = null;
	}

	/** Gives the lock up (closing the session releases it). */
	@Override
	public void close() {
		if (this.leader) {
			log.info("Outbox relay leadership released");
		}
		this.leader = false;
		closeQuietly(this.connection);
		this.connection = null;
	}

	private static void closeQuietly(Connection connection) {
		if (connection != null) {
			try {
				connection.close();
			}
			catch (SQLException ex) {
				// already broken; nothing to release
			}
		}
	}

	/**
	 * Opens a new, unpooled connection: the lock must not go back to a pool with a
	 * session.
	 */
	@FunctionalInterface
	interface ConnectionSource {

		Connection open() throws SQLException;

	}

}
