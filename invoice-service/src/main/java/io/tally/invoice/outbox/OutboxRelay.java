package io.tally.invoice.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.tally.events.invoice.InvoiceEventHeaders;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcOperations;

/**
 * Moves outbox rows to Kafka. Runs in every instance; only the advisory-lock holder
 * publishes. Each round reads the oldest unsent rows in id order, sends them
 * asynchronously, waits for every ack and deletes exactly the acknowledged rows. No
 * high-water mark: a row whose transaction commits late is simply picked up by a later
 * round.
 */
final class OutboxRelay implements SmartLifecycle {

	static final String SELECT_BATCH = "SELECT id, record_key, event_id, event_type, invoice_version, payload, created_at FROM outbox ORDER BY id LIMIT ?";

	static final String DELETE_ACKED = "DELETE FROM outbox WHERE id = ANY(?)";

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private final JdbcOperations jdbc;

	private final RelayLeadership leadership;

	private final Supplier<Producer<byte[], byte[]>> producers;

	private final CircuitBreaker breaker;

	private final OutboxMetrics metrics;

	private final OutboxProperties properties;

	private volatile boolean running;

	private Thread thread;

	private Producer<byte[], byte[]> producer;

	OutboxRelay(JdbcOperations jdbc, RelayLeadership leadership, Supplier<Producer<byte[], byte[]>> producers,
			CircuitBreaker breaker, OutboxMetrics metrics, OutboxProperties properties) {
		this.jdbc = jdbc;
		this.leadership = leadership;
		this.producers = producers;
		this.breaker = breaker;
		this.metrics = metrics;
		this.properties = properties;
	}

	public boolean isLeader() {
		return this.leadership.isLeader();
	}

	public CircuitBreaker.State circuitBreakerState() {
		return this.breaker.getState();
	}

	RelayLeadership leadership() {
		return this.leadership;
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		this.thread = new Thread(this::run, "outbox-relay");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	@Override
	public synchronized void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		Thread relay = this.thread;
		relay.interrupt();
		try {
			relay.join(this.properties.pollInterval().toMillis() + 10_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.thread = null;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void run() {
		log.info("Outbox relay started");
		try {
			while (this.running) {
				try {
					round();
				}
				catch (RuntimeException ex) {
					// e.g. the database is unreachable: wait a poll interval and look
					// again.
					log.warn("Outbox relay round failed: {}", ex.getMessage());
					pause(this.properties.pollInterval());
				}
			}
		}
		finally {
			closeProducer();
			this.leadership.close();
			log.info("Outbox relay stopped");
		}
	}

	private void round() {
		if (!this.leadership.tryAcquire()) {
			pause(this.properties.leaderRetryInterval());
			return;
		}
		if (!this.breaker.tryAcquirePermission()) {
			// Broker considered down: don't touch it until the breaker's (growing) wait
			// is over.
			pause(this.properties.pollInterval());
			this.leadership.verify();
			return;
		}
		int sent;
		try {
			sent = publishBatch();
		}
		catch (DataAccessException ex) {
			// the database, not the broker, failed: give the breaker's permission back
			// untouched
			this.breaker.releasePermission();
			throw ex;
		}
		if (sent < this.properties.batchSize()) {
			this.leadership.awaitNotification(this.properties.pollInterval(), () -> this.running);
		}
		else {
			this.leadership.verify();
		}
	}

	/** One round: returns how many rows were acknowledged and deleted. */
	int publishBatch() {
		List<OutboxRow> rows = this.jdbc.query(SELECT_BATCH,
				(rs, i) -> new OutboxRow(rs.getLong(1), rs.getString(2), rs.getObject(3, UUID.class), rs.getString(4),
						rs.getLong(5), rs.getBytes(6), rs.getObject(7, OffsetDateTime.class).toInstant()),
				this.properties.batchSize());
		if (rows.isEmpty()) {
			this.breaker.releasePermission();
			return 0;
		}
		long started = System.nanoTime();
		AtomicReference<Exception> failure = new AtomicReference<>();
		List<Future<RecordMetadata>> sends = new ArrayList<>(rows.size());
		Producer<byte[], byte[]> producer;
		try {
			producer = producer();
		}
		catch (KafkaException ex) {
			// e.g. bootstrap servers that do not resolve
			this.metrics.failed(1);
			this.breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, ex);
			log.warn("Could not create the relay's Kafka producer: {}", ex.getMessage());
			return 0;
		}
		for (OutboxRow row : rows) {
			if (failure.get() != null) {
				// Stop at the first failure: later rows of the same invoice must not
				// overtake it.
				break;
			}
			try {
				sends.add(producer.send(record(row), (metadata, ex) -> {
					if (ex != null) {
						failure.compareAndSet(null, ex);
					}
				}));
			}
			catch (RuntimeException ex) {
				failure.compareAndSet(null, ex);
			}
		}
		producer.flush();
		List<Long> acked = new ArrayList<>(sends.size());
		Instant ackedAt = Instant.now();
		int failed = 0;
		for (int i = 0; i < sends.size(); i++) {
			OutboxRow row = rows.get(i);
			try {
				sends.get(i).get();
				acked.add(row.id());
				this.metrics.acknowledged(Duration.between(row.createdAt(), ackedAt));
			}
			catch (ExecutionException ex) {
				failed++;
				failure.compareAndSet(null, ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				failure.compareAndSet(null, ex);
				break;
			}
		}
		if (!acked.isEmpty()) {
			Long[] ids = acked.toArray(Long[]::new);
			this.jdbc.update(DELETE_ACKED, (ps) -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", ids)));
			this.metrics.published(acked.size());
		}
		long elapsed = System.nanoTime() - started;
		Exception error = failure.get();
		if (error == null) {
			this.breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
			log.debug("Published {} outbox rows up to id {}", acked.size(), rows.get(rows.size() - 1).id());
		}
		else {
			this.metrics.failed(Math.max(1, failed));
			this.breaker.onError(elapsed, TimeUnit.NANOSECONDS, error);
			// A producer that failed may hold a broken idempotence state: start the next
			// attempt with a fresh one.
			closeProducer();
			OutboxRow first = rows.get(acked.size() < rows.size() ? acked.size() : 0);
			log.warn("Publishing stopped at outbox row {} (invoice {} version {}): {}; {} acknowledged, breaker {}",
					first.id(), first.key(), first.invoiceVersion(), error.getMessage(), acked.size(),
					this.breaker.getState());
		}
		return acked.size();
	}

	private ProducerRecord<byte[], byte[]> record(OutboxRow row) {
		RecordHeaders headers = new RecordHeaders();
		headers.add(new RecordHeader(InvoiceEventHeaders.EVENT_ID,
				row.eventId().toString().getBytes(StandardCharsets.UTF_8)));
		headers.add(new RecordHeader(InvoiceEventHeaders.EVENT_TYPE, row.eventType().getBytes(StandardCharsets.UTF_8)));
		headers.add(new RecordHeader(InvoiceEventHeaders.INVOICE_VERSION,
				Long.toString(row.invoiceVersion()).getBytes(StandardCharsets.UTF_8)));
		return new ProducerRecord<>(this.properties.topic(), null, row.key().getBytes(StandardCharsets.UTF_8),
				row.payload(), headers);
	}

	private Producer<byte[], byte[]> producer() {
		if (this.producer == null) {
			this.producer = this.producers.get();
		}
		return this.producer;
	}

	private void closeProducer() {
		if (this.producer != null) {
			try {
				this.producer.close(Duration.ZERO);
			}
			catch (RuntimeException ex) {
				log.debug("Closing the producer failed: {}", ex.getMessage());
			}
			this.producer = null;
		}
	}

	private void pause(Duration duration) {
		LockSupport.parkNanos(duration.toNanos());
	}

}
