package io.tally.revenue.freshness;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import io.tally.support.Threads;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Listens, on a dedicated PostgreSQL connection, for the notices every projection
 * transaction sends on commit (whichever instance committed it) and hands them to the
 * watermark, the pending read-your-writes requests and the subscribers of the live
 * stream. After a lost connection it reconnects and tells subscribers that anything may
 * have changed meanwhile.
 */
@Component
public class ProjectionWatcher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ProjectionWatcher.class);

	private final DataSourceProperties dataSource;

	private final Watermark watermark;

	private final ReadYourWrites readYourWrites;

	private final FreshnessProperties properties;

	private final List<Consumer<ProjectionNotice>> subscribers = new CopyOnWriteArrayList<>();

	private volatile boolean running;

	private Thread thread;

	ProjectionWatcher(DataSourceProperties dataSource, Watermark watermark, ReadYourWrites readYourWrites,
			FreshnessProperties properties) {
		this.dataSource = dataSource;
		this.watermark = watermark;
		this.readYourWrites = readYourWrites;
		this.properties = properties;
	}

	/**
	 * Calls {@code subscriber} with every notice, on the watcher's thread: it must return
	 * quickly and never block.
	 */
	public void subscribe(Consumer<ProjectionNotice> subscriber) {
		this.subscribers.add(subscriber);
	}

	@Override
	public synchronized void start() {
		this.running = true;
		this.thread = new Thread(this::run, "projection-watcher");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		this.watermark.deaf();
		Threads.interruptAndJoin(this.thread, Duration.ofSeconds(5));
		this.thread = null;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void run() {
		boolean firstConnection = true;
		while (this.running) {
			try (Connection connection = connect()) {
				try (Statement listen = connection.createStatement()) {
					listen.execute("LISTEN " + ProjectionNotice.CHANNEL);
				}
				// read after LISTEN, so that no commit falls between the two
				this.watermark.advance(newestEventTime(connection));
				this.watermark.listening();
				if (!firstConnection) {
					log.info("Projection notifications resumed");
					publish(ProjectionNotice.everything(this.watermark.current().orElse(null)));
				}
				firstConnection = false;
				listen(connection.unwrap(PGConnection.class));
			}
			catch (SQLException ex) {
				this.watermark.deaf();
				if (this.running) {
					log.warn("Projection notifications interrupted ({}); reconnecting in {}", ex.getMessage(),
							this.properties.reconnectInterval());
					LockSupport.parkNanos(this.properties.reconnectInterval().toNanos());
				}
			}
		}
	}

	private void listen(PGConnection connection) throws SQLException {
		int slice = (int) Math.max(1, this.properties.recheckInterval().toMillis());
		while (this.running) {
			PGNotification[] notifications = connection.getNotifications(slice);
			ProjectionNotice merged = null;
			if (notifications != null) {
				for (PGNotification notification : notifications) {
					ProjectionNotice notice = parse(notification.getParameter());
					if (notice != null) {
						merged = (merged != null) ? merged.merge(notice) : notice;
					}
				}
			}
			if (merged != null) {
				this.watermark.changed(merged.watermark());
				publish(merged);
			}
			else {
				// no news: pending read-your-writes requests look anyway (safety net)
				this.readYourWrites.recheck();
			}
		}
	}

	private void publish(ProjectionNotice notice) {
		this.readYourWrites.recheck();
		for (Consumer<ProjectionNotice> subscriber : this.subscribers) {
			try {
				subscriber.accept(notice);
			}
			catch (RuntimeException ex) {
				log.warn("A projection notice subscriber failed: {}", ex.getMessage());
			}
		}
	}

	private static ProjectionNotice parse(String payload) {
		try {
			return ProjectionNotice.parse(payload);
		}
		catch (IllegalArgumentException ex) {
			log.warn("Ignored a malformed projection notice ({} characters)", payload.length());
			return null;
		}
	}

	private static java.time.Instant newestEventTime(Connection connection) throws SQLException {
		try (Statement query = connection.createStatement();
				ResultSet rs = query.executeQuery("SELECT max(occurred_at) FROM invoice_state")) {
			rs.next();
			Timestamp newest = rs.getTimestamp(1);
			return (newest != null) ? newest.toInstant() : null;
		}
	}

	private Connection connect() throws SQLException {
		Properties credentials = new Properties();
		credentials.setProperty("user", this.dataSource.determineUsername());
		String password = this.dataSource.determinePassword();
		if (password != null) {
			credentials.setProperty("password", password);
		}
		credentials.setProperty("tcpKeepAlive", "true");
		credentials.setProperty("ApplicationName", "revenue-service projection watcher");
		return DriverManager.getConnection(this.dataSource.determineUrl(), credentials);
	}

}
