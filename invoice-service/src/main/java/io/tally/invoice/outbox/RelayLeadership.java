package io.tally.invoice.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leadership of the relay as a lease: the instance holding a PostgreSQL session-level
 * advisory lock on a dedicated connection publishes, for as long as its lease lasts.
 * <p>
 * The lock lives as long as its session, and PostgreSQL alone cannot tell a frozen
 * process (SIGSTOP, a stalled VM) from a quiet one: its kernel still answers TCP. So the
 * session is given {@code idle_session_timeout = lease}, and a thread of its own sends a
 * heartbeat query every quarter lease: a leader that stops talking loses its session, and
 * with it the lock, within one lease, and a follower takes over. The leader itself counts
 * its lease on the monotonic clock from the start of its last successful heartbeat, minus
 * a safety margin, so it stops sending before the server can have released the lock;
 * {@link System#nanoTime()} keeps running while a process is stopped, so a thawed leader
 * sees at once that its lease is over.
 * <p>
 * The same connection LISTENs for the writers' NOTIFY and wakes the relay.
 */
final class RelayLeadership implements Leadership {

	static final String CHANNEL = "outbox";

	private static final int WAIT_SLICE_MILLIS = 500;

	private static final Logger log = LoggerFactory.getLogger(RelayLeadership.class);

	private final ConnectionSource connections;

	private final long lockKey;

	private final Duration lease;

	private final Duration retryInterval;

	private final LongSupplier nanoClock;

	private final Semaphore wakeUps = new Semaphore(0);

	private volatile boolean running;

	private volatile boolean leader;

	private volatile long leaseEndNanos;

	private volatile int backendPid = -1;

	private volatile Thread thread;

	/** Used by the leadership thread only. */
	private Connection connection;

	private String lastFailure;

	RelayLeadership(ConnectionSource connections, long lockKey, Duration lease, Duration retryInterval) {
		this(connections, lockKey, lease, retryInterval, System::nanoTime);
	}

	RelayLeadership(ConnectionSource connections, long lockKey, Duration lease, Duration retryInterval,
			LongSupplier nanoClock) {
		this.connections = connections;
		this.lockKey = lockKey;
		this.lease = lease;
		this.retryInterval = retryInterval;
		this.nanoClock = nanoClock;
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		Thread leadership = new Thread(this::run, "outbox-relay-leadership");
		leadership.setDaemon(true);
		this.thread = leadership;
		leadership.start();
	}

	@Override
	public boolean holdsLease() {
		return this.leader && this.nanoClock.getAsLong() - this.leaseEndNanos < 0;
	}

	@Override
	public void awaitWork(Duration timeout) {
		try {
			if (this.wakeUps.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
				// one look at the table covers every NOTIFY that piled up
				this.wakeUps.drainPermits();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public int backendPid() {
		return this.leader ? this.backendPid : -1;
	}

	/** How long the server keeps a silent session (and its lock). */
	Duration lease() {
		return this.lease;
	}

	/** Validity the leader grants itself: a fifth shorter than the server's timeout. */
	private long validityNanos() {
		return this.lease.toNanos() - this.lease.toNanos() / 5;
	}

	private long heartbeatNanos() {
		return this.lease.toNanos() / 4;
	}

	private void run() {
		long nextHeartbeat = 0;
		while (this.running) {
			try {
				if (!this.leader) {
					if (tryAcquire()) {
						nextHeartbeat = this.nanoClock.getAsLong() + heartbeatNanos();
					}
					else {
						pause(this.retryInterval);
					}
					continue;
				}
				long now = this.nanoClock.getAsLong();
				if (now - nextHeartbeat >= 0) {
					heartbeat();
					nextHeartbeat = now + heartbeatNanos();
				}
				long untilHeartbeat = TimeUnit.NANOSECONDS.toMillis(nextHeartbeat - this.nanoClock.getAsLong());
				int slice = (int) Math.max(1, Math.min(untilHeartbeat, WAIT_SLICE_MILLIS));
				PGNotification[] notifications = this.connection.unwrap(PGConnection.class).getNotifications(slice);
				if (this.connection.isClosed()) {
					lost(null);
				}
				else if (notifications != null && notifications.length > 0) {
					wakeUp();
				}
			}
			catch (SQLException ex) {
				lost(ex);
			}
		}
		release();
	}

	/**
	 * Tries once to take the lock; a follower keeps its connection between tries instead
	 * of reconnecting every time.
	 */
	private boolean tryAcquire() {
		try {
			if (this.connection == null) {
				Connection opened = this.connections.open();
				this.connection = opened;
				opened.setAutoCommit(true);
				// the server ends this session (freeing the lock) once it is silent for a
				// lease
				try (PreparedStatement timeout = opened
					.prepareStatement("SELECT set_config('idle_session_timeout', ?, false)")) {
					timeout.setString(1, Long.toString(this.lease.toMillis()));
					timeout.execute();
				}
			}
			long started = this.nanoClock.getAsLong();
			try (PreparedStatement lock = this.connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
				lock.setLong(1, this.lockKey);
				try (ResultSet result = lock.executeQuery()) {
					result.next();
					if (!result.getBoolean(1)) {
						return false;
					}
				}
			}
			try (Statement statement = this.connection.createStatement()) {
				statement.execute("LISTEN " + CHANNEL);
				try (ResultSet pid = statement.executeQuery("SELECT pg_backend_pid()")) {
					pid.next();
					this.backendPid = pid.getInt(1);
				}
			}
			this.leaseEndNanos = started + validityNanos();
			this.leader = true;
			this.lastFailure = null;
			log.info("Outbox relay leadership acquired (lock {}, backend pid {}, lease {})", this.lockKey,
					this.backendPid, this.lease);
			wakeUp();
			return true;
		}
		catch (SQLException ex) {
			couldNotTry(ex);
			closeConnection();
			return false;
		}
	}

	/**
	 * A round trip that keeps the session from idling out, and extends the lease from the
	 * moment it was sent.
	 */
	private void heartbeat() throws SQLException {
		long started = this.nanoClock.getAsLong();
		try (Statement statement = this.connection.createStatement()) {
			statement.execute("SELECT 1");
		}
		this.leaseEndNanos = started + validityNanos();
	}

	private void couldNotTry(SQLException ex) {
		String message = ex.getMessage();
		if ("42704".equals(ex.getSQLState())) {
			// unknown setting: idle_session_timeout exists from PostgreSQL 14 on
			message = "PostgreSQL 14 or newer is needed to bound the relay's lease (idle_session_timeout): " + message;
		}
		if (!message.equals(this.lastFailure)) {
			log.warn("Could not try the relay lock: {}", message);
			this.lastFailure = message;
		}
	}

	private void lost(SQLException cause) {
		if (this.leader) {
			log.warn("Outbox relay leadership lost: lock connection failed ({})",
					(cause != null) ? cause.getMessage() : "closed");
		}
		this.leader = false;
		this.backendPid = -1;
		closeConnection();
		wakeUp();
	}

	private void release() {
		if (this.leader) {
			log.info("Outbox relay leadership released");
		}
		this.leader = false;
		this.backendPid = -1;
		closeConnection();
	}

	/** Gives the lock up (closing the session releases it) and stops trying. */
	@Override
	public void close() {
		Thread leadership;
		synchronized (this) {
			this.running = false;
			leadership = this.thread;
			this.thread = null;
		}
		if (leadership != null) {
			LockSupport.unpark(leadership);
			try {
				leadership.join(TimeUnit.SECONDS.toMillis(10));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		wakeUp();
	}

	private void wakeUp() {
		if (this.wakeUps.availablePermits() == 0) {
			this.wakeUps.release();
		}
	}

	private void pause(Duration duration) {
		long deadline = System.nanoTime() + duration.toNanos();
		for (long left = duration.toNanos(); this.running && left > 0; left = deadline - System.nanoTime()) {
			LockSupport.parkNanos(left);
		}
	}

	private void closeConnection() {
		if (this.connection != null) {
			try {
				this.connection.close();
			}
			catch (SQLException ex) {
				// already broken; nothing to release
			}
			this.connection = null;
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
