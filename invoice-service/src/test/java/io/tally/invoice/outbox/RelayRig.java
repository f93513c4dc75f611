package io.tally.invoice.outbox;

import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import com.zaxxer.hikari.HikariDataSource;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tally.events.serde.AvroSerdeConfig;
import io.tally.events.serde.KafkaAvroSerializer;
import io.tally.events.serde.TopicRecordNameStrategy;
import io.tally.invoice.invoice.Invoice;
import io.tally.invoice.invoice.InvoiceEvent;
import io.tally.invoice.invoice.InvoiceStatus;
import io.tally.support.tracing.TracePropagation;
import io.tally.testsupport.PostgresDatabase;
import io.tally.testsupport.TestInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Relays built by hand against a database of their own (not the application context's),
 * so a test can give them a dead broker or run two of them side by side.
 */
final class RelayRig implements AutoCloseable {

	/** The advisory-lock key of the rig's relays. */
	static final long LOCK_KEY = 4711;

	final String topic;

	final HikariDataSource dataSource;

	final JdbcTemplate jdbc;

	final OutboxWriter writer;

	private final TransactionTemplate transactions;

	private final PostgresDatabase database;

	RelayRig(String databaseName, String topic) {
		this.topic = topic;
		this.database = TestInfrastructure.postgres(databaseName);
		this.dataSource = new HikariDataSource();
		this.dataSource.setJdbcUrl(this.database.jdbcUrl());
		this.dataSource.setUsername(this.database.username());
		this.dataSource.setPassword(this.database.password());
		this.dataSource.setMaximumPoolSize(8);
		Flyway.configure().dataSource(this.dataSource).load().migrate();
		this.jdbc = new JdbcTemplate(this.dataSource);
		this.jdbc.update("DELETE FROM outbox");
		KafkaAvroSerializer serializer = new KafkaAvroSerializer();
		serializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, TestInfrastructure.schemaRegistryUrl(),
				AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, TopicRecordNameStrategy.class.getName()), false);
		new EventSchemaRegistration(serializer, topic).registerAll();
		this.writer = new OutboxWriter(this.jdbc, serializer, topic, TracePropagation.noop());
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(this.dataSource));
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(topic, Optional.of(6), Optional.empty()))).all().get();
		}
		catch (Exception ex) {
			// already there from an earlier run in this JVM is fine
			if (!(ex.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
				throw new IllegalStateException(ex);
			}
		}
	}

	/**
	 * A relay on this rig's database; the producer supplier decides which broker it talks
	 * to.
	 */
	Relay relay(Supplier<Producer<byte[], byte[]>> producers, CircuitBreaker breaker) {
		return relay(producers, breaker, 500);
	}

	Relay relay(Supplier<Producer<byte[], byte[]>> producers, CircuitBreaker breaker, int batchSize) {
		return relay(producers, breaker, batchSize, Duration.ofMillis(100));
	}

	Relay relay(Supplier<Producer<byte[], byte[]>> producers, CircuitBreaker breaker, int batchSize,
			Duration pollInterval) {
		OutboxProperties properties = properties(batchSize, pollInterval);
		RelayLeadership leadership = new RelayLeadership(
				() -> DriverManager.getConnection(this.database.jdbcUrl(), this.database.username(),
						this.database.password()),
				properties.lockKey(), properties.lease(), properties.leaderRetryInterval());
		return relay(producers, breaker, leadership, properties);
	}

	/**
	 * A relay without a lock whose lease is valid while {@code lease} says so: for tests
	 * of one round ({@link OutboxRelay#publishBatch()}), run on the test's thread.
	 */
	Relay relayHolding(Supplier<Producer<byte[], byte[]>> producers, CircuitBreaker breaker, BooleanSupplier lease) {
		return relay(producers, breaker, new FixedLeadership(lease), properties(500, Duration.ofMillis(100)));
	}

	private Relay relay(Supplier<Producer<byte[], byte[]>> producers, CircuitBreaker breaker, Leadership leadership,
			OutboxProperties properties) {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		OutboxMetrics metrics = new OutboxMetrics(meters, this.jdbc, leadership::holdsLease);
		return new Relay(new OutboxRelay(this.jdbc, leadership, producers, breaker, metrics, properties,
				new RelayTracing(TracePropagation.noop(), this.topic)), meters);
	}

	private OutboxProperties properties(int batchSize, Duration pollInterval) {
		return new OutboxProperties(this.topic, 6, (short) 1, null, batchSize, pollInterval, Duration.ofMillis(100),
				LOCK_KEY, Duration.ofSeconds(10), Map.of());
	}

	/** Producers to the shared broker, failing fast. */
	static Supplier<Producer<byte[], byte[]>> producers(String bootstrapServers) {
		return OutboxConfiguration.producers(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
				Map.of("max.block.ms", "1000", "request.timeout.ms", "1000", "delivery.timeout.ms", "2000"));
	}

	static CircuitBreaker fastBreaker(String name) {
		return CircuitBreaker.of(name,
				CircuitBreakerConfig.custom()
					.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
					.slidingWindowSize(2)
					.minimumNumberOfCalls(1)
					.failureRateThreshold(50)
					.permittedNumberOfCallsInHalfOpenState(1)
					.waitIntervalFunctionInOpenState(
							IntervalFunction.ofExponentialBackoff(Duration.ofMillis(200), 2, Duration.ofSeconds(2)))
					.build());
	}

	/**
	 * Writes {@code versions} consecutive events of a new invoice, one transaction each;
	 * returns its id.
	 */
	String writeInvoiceHistory(int versions) {
		UUID id = UUID.randomUUID();
		UUID customer = UUID.randomUUID();
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		for (int v = 1; v <= versions; v++) {
			Invoice invoice = new Invoice(id, customer, 100L * v, "USD", InvoiceStatus.PENDING,
					LocalDate.parse("2026-11-02"), null, v, now, now, null, null);
			InvoiceEvent event = (v == 1) ? new InvoiceEvent.Created(UUID.randomUUID(), now, invoice)
					: new InvoiceEvent.Updated(UUID.randomUUID(), now, invoice);
			this.transactions.executeWithoutResult((tx) -> this.writer.record(event));
		}
		return id.toString();
	}

	PostgresDatabase database() {
		return this.database;
	}

	long pendingRows() {
		return this.jdbc.queryForObject("SELECT count(*) FROM outbox", Long.class);
	}

	@Override
	public void close() {
		this.dataSource.close();
	}

	/** A lease that is whatever the supplier says, without a database. */
	private record FixedLeadership(BooleanSupplier lease) implements Leadership {

		@Override
		public void start() {
		}

		@Override
		public boolean holdsLease() {
			return this.lease.getAsBoolean();
		}

		@Override
		public void awaitWork(Duration timeout) {
			LockSupport.parkNanos(timeout.toNanos());
		}

		@Override
		public int backendPid() {
			return -1;
		}

		@Override
		public void close() {
		}

	}

	/** A hand-built relay and its meters. */
	record Relay(OutboxRelay relay, SimpleMeterRegistry meters) {

		double gauge(String name) {
			return this.meters.get(name).gauge().value();
		}

		double counter(String name) {
			return this.meters.get(name).counter().count();
		}

	}

}
