package io.tally.invoice.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.tally.events.invoice.InvoiceEventHeaders;
import io.tally.support.tracing.W3cTraceContext;
import io.tally.support.Threads;
import org.apache.kafka.clients.producer.Callback;
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
 * asynchronously, waits for every ack and deletes, per invoice, the acknowledged prefix
 * of its rows. No high-water mark: a row whose transaction commits late is simply picked
 * up by a later round.
 */
final class OutboxRelay implements SmartLifecycle {

	static final String SELECT_BATCH = "SELECT id, record_key, event_id, event_type, invoice_version, payload, created_at, traceparent, tracestate FROM outbox ORDER BY id LIMIT ?";

	static final String DELETE_ACKED = "DELETE FROM outbox WHERE id = ANY(?)";

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private final JdbcOperations jdbc;

	private final Leadership leadership;

	private final Supplier<Producer<byte[], byte[]>> producers;

	private final CircuitBreaker breaker;

	private final OutboxMetrics metrics;

	private final OutboxProperties properties;

	private final RelayTracing tracing;

	private volatile boolean running;

	private Thread thread;

	private Producer<byte[], byte[]> producer;

	OutboxRelay(JdbcOperations jdbc, Leadership leadership, Supplier<Producer<byte[], byte[]>> producers,
			CircuitBreaker breaker, OutboxMetrics metrics, OutboxProperties properties, RelayTracing tracing) {
		this.jdbc = jdbc;
		this.leadership = leadership;
		this.producers = producers;
		this.breaker = breaker;
		this.metrics = metrics;
		this.properties = properties;
		this.tracing = tracing;
	}

	public boolean isLeader() {
		return this.leadership.holdsLease();
	}

	public CircuitBreaker.State circuitBreakerState() {
		return this.breaker.getState();
	}

	Leadership leadership() {
		return this.leadership;
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		this.leadership.start();
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
		Threads.interruptAndJoin(this.thread, this.properties.pollInterval().plusSeconds(10));
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
			// stop() interrupted this thread: clear the flag so giving the lock up is
			// awaited
			Thread.interrupted();
			this.leadership.close();
			log.info("Outbox relay stopped");
		}
	}

	private void round() {
		if (!this.leadership.holdsLease()) {
			// whatever a producer of a lost lease still buffers must never go out
			closeProducer();
			this.leadership.awaitWork(this.properties.leaderRetryInterval());
			return;
		}
		if (!this.breaker.tryAcquirePermission()) {
			// Broker considered down: don't touch it until the breaker's (growing) wait
			// is over.
			pause(this.properties.pollInterval());
			return;
		}
		int sent = publishBatch();
		if (sent < this.properties.batchSize()) {
			this.leadership.awaitWork(this.properties.pollInterval());
		}
	}

	/**
	 * One round under the breaker's permission: read a batch, send it, await the acks,
	 * delete the acknowledged rows, and settle the permission with the outcome. Returns
	 * how many rows were acknowledged and deleted.
	 */
	int publishBatch() {
		try (RelayTracing.Round round = this.tracing.round()) {
			Outcome outcome;
			try {
				outcome = attempt(round);
			}
			catch (DataAccessException ex) {
				round.failed(ex);
				settle(Outcome.DATABASE_FAILED);
				throw ex;
			}
			settle(outcome);
			round.published(outcome.acknowledged());
			return outcome.acknowledged().size();
		}
	}

	private Outcome attempt(RelayTracing.Round round) {
		List<OutboxRow> rows = readBatch();
		if (rows.isEmpty()) {
			return Outcome.NOTHING_TO_SEND;
		}
		long started = System.nanoTime();
		Producer<byte[], byte[]> producer;
		try {
			producer = producer();
		}
		catch (KafkaException ex) {
			// e.g. bootstrap servers that do not resolve
			return new Outcome(rows, 0, List.of(), 1, ex, false, System.nanoTime() - started);
		}
		Sends sends = send(producer, rows, round);
		Acks acks = awaitAcks(sends);
		deleteAcknowledged(acks.acknowledged());
		Exception failure = (sends.failure() != null) ? sends.failure() : acks.failure();
		return new Outcome(rows, sends.rows().size(), acks.acknowledged(), acks.failed(), failure, sends.fenced(),
				System.nanoTime() - started);
	}

	/** The oldest unsent rows, in id order. */
	private List<OutboxRow> readBatch() {
		return this.jdbc.query(SELECT_BATCH,
				(rs, i) -> new OutboxRow(rs.getLong(1), rs.getString(2), rs.getObject(3, UUID.class), rs.getString(4),
						rs.getLong(5), rs.getBytes(6), rs.getObject(7, OffsetDateTime.class).toInstant(),
						new W3cTraceContext(rs.getString(8), rs.getString(9))),
				this.properties.batchSize());
	}

	/**
	 * Sends the rows asynchronously in id order, stopping at the first failure (later
	 * rows of the same invoice must not overtake it) and as soon as the lease is no
	 * longer held: checked before every send, so a leader paused past its lease (while a
	 * follower may have taken over) sends nothing more.
	 */
	private Sends send(Producer<byte[], byte[]> producer, List<OutboxRow> rows, RelayTracing.Round round) {
		AtomicReference<Exception> failure = new AtomicReference<>();
		List<Future<RecordMetadata>> futures = new ArrayList<>(rows.size());
		boolean fenced = false;
		for (OutboxRow row : rows) {
			if (failure.get() != null) {
				break;
			}
			if (!this.leadership.holdsLease()) {
				fenced = true;
				break;
			}
			ProducerRecord<byte[], byte[]> record = record(row);
			Callback traced = round.sending(row, record);
			try {
				futures.add(producer.send(record, (metadata, ex) -> {
					traced.onCompletion(metadata, ex);
					if (ex != null) {
						failure.compareAndSet(null, ex);
					}
				}));
			}
			catch (RuntimeException ex) {
				traced.onCompletion(null, ex);
				failure.compareAndSet(null, ex);
			}
		}
		producer.flush();
		return new Sends(rows.subList(0, futures.size()), futures, failure.get(), fenced);
	}

	/**
	 * Waits for the ack of every sent row and keeps, per invoice, only the acknowledged
	 * prefix: a row acknowledged after a failed row of the same invoice stays in the
	 * outbox, to be sent again after that one. Duplicates are harmless, but deleting it
	 * would let the retried older version land after it on the topic.
	 */
	private Acks awaitAcks(Sends sends) {
		List<OutboxRow> acknowledged = new ArrayList<>(sends.rows().size());
		Set<String> blocked = new HashSet<>();
		Instant ackedAt = Instant.now();
		Exception failure = null;
		int failed = 0;
		for (int i = 0; i < sends.rows().size(); i++) {
			OutboxRow row = sends.rows().get(i);
			try {
				sends.futures().get(i).get();
				if (!blocked.contains(row.key())) {
					acknowledged.add(row);
					this.metrics.acknowledged(Duration.between(row.createdAt(), ackedAt));
				}
			}
			catch (ExecutionException ex) {
				failed++;
				blocked.add(row.key());
				failure = (failure != null) ? failure : ex;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				failure = (failure != null) ? failure : ex;
				break;
			}
		}
		return new Acks(acknowledged, failed, failure);
	}

	/** Deletes exactly the rows {@link #awaitAcks} kept as acknowledged. */
	private void deleteAcknowledged(List<OutboxRow> acknowledged) {
		if (acknowledged.isEmpty()) {
			return;
		}
		Long[] ids = acknowledged.stream().map(OutboxRow::id).toArray(Long[]::new);
		this.jdbc.update(DELETE_ACKED, (ps) -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", ids)));
		this.metrics.published(acknowledged.size());
	}

	/**
	 * The one place the breaker's permission is settled: given back untouched when the
	 * broker was not asked (nothing to send, the database failed, or the lease ran out
	 * first), else recorded as the broker's success or failure.
	 */
	private void settle(Outcome outcome) {
		if (outcome.fenced()) {
			// never flush later what was handed over under the lease that just ended
			closeProducer();
			log.warn("Outbox relay lease no longer held: publishing stopped after {} of {} rows, before row {}",
					outcome.sent(), outcome.rows().size(), outcome.rows().get(outcome.sent()).id());
		}
		if (outcome.sent() == 0 && outcome.failure() == null) {
			this.breaker.releasePermission();
			return;
		}
		if (outcome.failure() == null) {
			this.breaker.onSuccess(outcome.elapsedNanos(), TimeUnit.NANOSECONDS);
			return;
		}
		this.metrics.failed(Math.max(1, outcome.failed()));
		this.breaker.onError(outcome.elapsedNanos(), TimeUnit.NANOSECONDS, outcome.failure());
		// A producer that failed may hold a broken idempotence state: start the next
		// attempt with a fresh one.
		closeProducer();
		OutboxRow first = outcome.firstUnacknowledged();
		log.warn("Publishing stopped at outbox row {} (invoice {} version {}): {}; {} acknowledged, breaker {}",
				first.id(), first.key(), first.invoiceVersion(), outcome.failure().getMessage(),
				outcome.acknowledged().size(), this.breaker.getState());
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

	/**
	 * The rows handed to the producer, their pending acks, the first send failure, and
	 * whether sending stopped because the lease was no longer held.
	 */
	private record Sends(List<OutboxRow> rows, List<Future<RecordMetadata>> futures, Exception failure,
			boolean fenced) {
	}

	/** The rows Kafka acknowledged, how many sends failed, and the first failure. */
	private record Acks(List<OutboxRow> acknowledged, int failed, Exception failure) {
	}

	/**
	 * What a round did: the rows read, how many were handed to the producer, those
	 * acknowledged (and deleted), how many sends failed, the first failure, whether the
	 * lease ran out mid-batch, and how long the broker took.
	 */
	private record Outcome(List<OutboxRow> rows, int sent, List<OutboxRow> acknowledged, int failed, Exception failure,
			boolean fenced, long elapsedNanos) {

		/** Nothing was read, so the broker was not asked. */
		static final Outcome NOTHING_TO_SEND = new Outcome(List.of(), 0, List.of(), 0, null, false, 0);

		/** The database failed, so the broker's health is unknown. */
		static final Outcome DATABASE_FAILED = NOTHING_TO_SEND;

		/** The row publishing stopped at (the first not acknowledged, else the first). */
		OutboxRow firstUnacknowledged() {
			Set<Long> deleted = new HashSet<>();
			this.acknowledged.forEach((row) -> deleted.add(row.id()));
			return this.rows.stream().filter((row) -> !deleted.contains(row.id())).findFirst().orElse(this.rows.get(0));
		}

	}

}
