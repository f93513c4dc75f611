package io.tally.dashboard.live;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.tally.dashboard.api.RevenueChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;

/**
 * The dashboard's one subscription to revenue-service's {@code /api/revenue/stream}:
 * reads its {@code revenue-changed} events and hands each change on; subscribes again
 * with a growing pause when the stream breaks, and reports every (re)start, since changes
 * made while it was down are not replayed.
 */
final class RevenueStream implements SmartLifecycle {

	static final String CHANGED = "revenue-changed";

	private static final Logger log = LoggerFactory.getLogger(RevenueStream.class);

	/** Opens the stream and returns its lines; closing the stream ends the connection. */
	@FunctionalInterface
	interface Upstream {

		Stream<String> open() throws IOException, InterruptedException;

	}

	private final Upstream upstream;

	private final JsonMapper json;

	private final Consumer<RevenueChange> changes;

	private final Runnable connected;

	private final Duration reconnectMin;

	private final Duration reconnectMax;

	private volatile boolean running;

	private volatile Thread reader;

	private volatile Stream<String> current;

	private volatile boolean subscribed;

	private boolean autoStartup = true;

	RevenueStream(Upstream upstream, JsonMapper json, Consumer<RevenueChange> changes, Runnable connected,
			Duration reconnectMin, Duration reconnectMax) {
		this.upstream = upstream;
		this.json = json;
		this.changes = changes;
		this.connected = connected;
		this.reconnectMin = reconnectMin;
		this.reconnectMax = reconnectMax;
	}

	@Override
	public void start() {
		this.running = true;
		Thread thread = new Thread(this::run, "revenue-stream");
		thread.setDaemon(true);
		this.reader = thread;
		thread.start();
	}

	@Override
	public void stop() {
		this.running = false;
		Stream<String> stream = this.current;
		if (stream != null) {
			stream.close();
		}
		Thread thread = this.reader;
		if (thread != null) {
			thread.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Whether the subscription starts with the application
	 * ({@code tally.dashboard.live.enabled}).
	 */
	void setAutoStartup(boolean autoStartup) {
		this.autoStartup = autoStartup;
	}

	@Override
	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	/** Whether the stream is open right now. */
	boolean isSubscribed() {
		return this.subscribed;
	}

	private void run() {
		Duration pause = this.reconnectMin;
		while (this.running) {
			try (Stream<String> lines = this.upstream.open()) {
				this.current = lines;
				log.info("Subscribed to the revenue stream");
				this.subscribed = true;
				this.connected.run();
				pause = this.reconnectMin;
				EventStreamParser parser = new EventStreamParser();
				lines.forEach((line) -> parser.line(line).ifPresent(this::handle));
				log.info("The revenue stream ended; subscribing again");
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (IOException | RuntimeException ex) {
				if (this.running) {
					log.warn("Revenue stream unavailable ({}); next attempt in {} ms", describe(ex), pause.toMillis());
				}
			}
			finally {
				this.current = null;
				this.subscribed = false;
			}
			if (!pauseFor(pause)) {
				return;
			}
			pause = Objects.requireNonNull(min(pause.multipliedBy(2), this.reconnectMax));
		}
	}

	private void handle(EventStreamParser.Event event) {
		if (!CHANGED.equals(event.name())) {
			return;
		}
		RevenueChange change;
		try {
			change = this.json.readValue(event.data(), RevenueChange.class);
		}
		catch (JacksonException ex) {
			// the event's content stays out of the log
			log.warn("Skipped revenue stream event {}: not a revenue change ({})", event.id(),
					ex.getClass().getSimpleName());
			return;
		}
		if (change.refreshAll()) {
			// the listed figures are not all that changed: every page reads its figures
			// again
			this.connected.run();
			return;
		}
		this.changes.accept(change);
	}

	private boolean pauseFor(Duration pause) {
		if (!this.running) {
			return false;
		}
		try {
			Thread.sleep(pause.toMillis());
			return this.running;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	private static String describe(Exception ex) {
		return ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : "");
	}

}
