package io.tally.invoice.outbox;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import io.tally.events.invoice.InvoiceEventType;
import io.tally.events.registry.IncompatibleSchemaException;
import io.tally.events.registry.SchemaRegistryAccessDeniedException;
import io.tally.events.registry.SchemaRegistryUnavailableException;
import io.tally.events.serde.KafkaAvroSerializer;
import io.tally.support.Threads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Registers the schemas of the four invoice events at start-up, on a thread of its own,
 * retrying with a growing back-off until the registry has them all. Writes serialize from
 * the serializer's cache only ({@link OutboxWriter}) and never wait for a registry: until
 * registration succeeds they answer 503, and readiness reports OUT_OF_SERVICE
 * ({@link EventSchemasHealthIndicator}), while the service itself starts and serves
 * reads. Each kind of failure is logged once, not at every retry.
 */
final class EventSchemaRegistration implements SmartLifecycle {

	private static final Duration FIRST_RETRY = Duration.ofMillis(500);

	private static final Duration LONGEST_RETRY = Duration.ofSeconds(10);

	private static final Logger log = LoggerFactory.getLogger(EventSchemaRegistration.class);

	private final KafkaAvroSerializer serializer;

	private final String topic;

	private volatile boolean registered;

	private volatile String lastFailure;

	private volatile boolean running;

	private Thread thread;

	EventSchemaRegistration(KafkaAvroSerializer serializer, String topic) {
		this.serializer = serializer;
		this.topic = topic;
	}

	/** Whether every event schema is registered: writes can be serialized. */
	boolean isComplete() {
		return this.registered;
	}

	/** Why the last attempt failed, while registration is not complete. */
	String lastFailure() {
		return this.lastFailure;
	}

	/**
	 * Registers (or looks up, as the serializer is configured) every event schema now.
	 * @return the schema id of each event type
	 */
	Map<InvoiceEventType, Integer> registerAll() {
		Map<InvoiceEventType, Integer> ids = new EnumMap<>(InvoiceEventType.class);
		for (InvoiceEventType type : InvoiceEventType.values()) {
			ids.put(type, this.serializer.prepare(this.topic, type.schema()));
		}
		this.registered = true;
		this.lastFailure = null;
		return ids;
	}

	@Override
	public synchronized void start() {
		if (this.running || this.registered) {
			return;
		}
		this.running = true;
		this.thread = new Thread(this::run, "event-schema-registration");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		// also ends a request that waits for a silent registry
		Threads.interruptAndJoin(this.thread, Duration.ofSeconds(5));
		this.thread = null;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void run() {
		Duration wait = FIRST_RETRY;
		String logged = null;
		while (this.running && !this.registered) {
			try {
				Map<InvoiceEventType, Integer> ids = registerAll();
				log.info("Registered the invoice event schemas for topic {} (schema ids {})", this.topic, ids);
				return;
			}
			catch (RuntimeException ex) {
				if (!this.running) {
					return;
				}
				this.lastFailure = ex.getMessage();
				if (!ex.getMessage().equals(logged)) {
					logFailure(ex);
					logged = ex.getMessage();
				}
			}
			LockSupport.parkNanos(wait.toNanos());
			wait = (wait.compareTo(LONGEST_RETRY.dividedBy(2)) < 0) ? wait.multipliedBy(2) : LONGEST_RETRY;
		}
	}

	private void logFailure(RuntimeException ex) {
		if (ex instanceof SchemaRegistryAccessDeniedException) {
			log.error("Schema registry refused access while registering the invoice event schemas, a configuration "
					+ "error; writes answer 503 until it is fixed: {}", ex.getMessage());
		}
		else if (ex instanceof SchemaRegistryUnavailableException) {
			log.warn("Schema registry unavailable while registering the invoice event schemas; retrying with "
					+ "back-off, writes answer 503 meanwhile: {}", ex.getMessage());
		}
		else if (ex instanceof IncompatibleSchemaException) {
			log.error("Schema registry rejects the invoice event schemas as incompatible; writes answer 503 until "
					+ "the schemas or the subjects' compatibility are fixed: {}", ex.getMessage());
		}
		else {
			log.error("Registering the invoice event schemas failed; retrying, writes answer 503 meanwhile: {}",
					ex.getMessage(), ex);
		}
	}

}
