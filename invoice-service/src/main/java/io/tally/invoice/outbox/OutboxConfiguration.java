package io.tally.invoice.outbox;

import java.sql.DriverManager;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.tally.events.serde.AvroSerdeConfig;
import io.tally.events.serde.KafkaAvroSerializer;
import io.tally.events.serde.TopicRecordNameStrategy;
import io.tally.support.tracing.TracePropagation;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ProducerFactory;

/**
 * Wires the outbox writer and the start-up registration of its schemas, the relay and its
 * producer, leadership, breaker and meters.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboxProperties.class)
class OutboxConfiguration {

	static final String CIRCUIT_BREAKER = "outbox-relay";

	/**
	 * Compacted: every event carries the invoice's full state, so the newest record per
	 * key is a complete snapshot and a rebuild can replay the topic from the beginning
	 * forever. Deletions stay as InvoiceDeleted records (no tombstones), so a replay
	 * still knows the deleted invoices and their versions. An existing topic with another
	 * policy is altered at start-up ({@code spring.kafka.admin.modify-topic-configs}).
	 */
	@Bean
	NewTopic invoiceEventsTopic(OutboxProperties properties) {
		TopicBuilder topic = TopicBuilder.name(properties.topic())
			.partitions(properties.partitions())
			.replicas(properties.replicas())
			.config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
		if (properties.minInsyncReplicas() != null) {
			topic.config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, properties.minInsyncReplicas().toString());
		}
		return topic.build();
	}

	@Bean
	KafkaAvroSerializer outboxEventSerializer(ProducerFactory<?, ?> kafkaProducerFactory) {
		// as a Kafka producer would configure it: spring.kafka.properties.* carry the
		// registry's URL and credentials
		Map<String, Object> config = new HashMap<>(kafkaProducerFactory.getConfigurationProperties());
		config.putIfAbsent(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "true");
		config.putIfAbsent(AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, TopicRecordNameStrategy.class.getName());
		KafkaAvroSerializer serializer = new KafkaAvroSerializer();
		serializer.configure(config, false);
		return serializer;
	}

	@Bean
	EventSchemaRegistration eventSchemaRegistration(KafkaAvroSerializer outboxEventSerializer,
			OutboxProperties properties) {
		return new EventSchemaRegistration(outboxEventSerializer, properties.topic());
	}

	@Bean
	EventSchemasHealthIndicator eventSchemasHealthIndicator(EventSchemaRegistration registration) {
		return new EventSchemasHealthIndicator(registration);
	}

	@Bean
	OutboxWriter outboxWriter(JdbcTemplate jdbc, KafkaAvroSerializer outboxEventSerializer, OutboxProperties properties,
			TracePropagation tracing) {
		return new OutboxWriter(jdbc, outboxEventSerializer, properties.topic(), tracing);
	}

	@Bean
	OutboxRelay outboxRelay(JdbcTemplate jdbc, DataSourceProperties dataSource,
			ProducerFactory<?, ?> kafkaProducerFactory, CircuitBreakerRegistry breakers, MeterRegistry meters,
			OutboxProperties properties, TracePropagation tracing) {
		RelayLeadership leadership = new RelayLeadership(() -> {
			Properties credentials = new Properties();
			credentials.setProperty("user", dataSource.determineUsername());
			String password = dataSource.determinePassword();
			if (password != null) {
				credentials.setProperty("password", password);
			}
			credentials.setProperty("tcpKeepAlive", "true");
			credentials.setProperty("ApplicationName", "invoice-service outbox relay");
			return DriverManager.getConnection(dataSource.determineUrl(), credentials);
		}, properties.lockKey(), properties.lease(), properties.leaderRetryInterval());
		OutboxMetrics metrics = new OutboxMetrics(meters, jdbc, leadership::holdsLease);
		return new OutboxRelay(jdbc, leadership,
				producers(kafkaProducerFactory.getConfigurationProperties(), properties.producer()),
				breakers.circuitBreaker(CIRCUIT_BREAKER), metrics, properties,
				new RelayTracing(tracing, properties.topic()));
	}

	@Bean
	OutboxRelayHealthIndicator outboxRelayHealthIndicator(OutboxRelay relay) {
		return new OutboxRelayHealthIndicator(relay);
	}

	/**
	 * Producers of the relay: raw bytes (the rows are serialized already), idempotent,
	 * acks from all replicas, large batches with a short linger for drain throughput, and
	 * short blocking so a dead broker fails fast.
	 */
	static Supplier<Producer<byte[], byte[]>> producers(Map<String, Object> springKafka,
			Map<String, String> overrides) {
		Map<String, Object> config = relayProducerConfig(springKafka, overrides);
		return () -> new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
	}

	/**
	 * The one place the relay's producer settings are built: Spring Boot's producer
	 * configuration ({@code springKafka}: the bootstrap servers and every
	 * {@code spring.kafka.security.*}, {@code spring.kafka.ssl.*} and
	 * {@code spring.kafka.properties.*} setting, e.g. SASL), the relay's own defaults
	 * over it (delivery guarantees and drain tuning: {@code spring.kafka.producer.*} does
	 * not change them), and {@code tally.outbox.producer.*} last.
	 */
	static Map<String, Object> relayProducerConfig(Map<String, Object> springKafka, Map<String, String> overrides) {
		Map<String, Object> config = new HashMap<>(springKafka);
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
		config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
		config.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
		config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
		config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
		config.put(ProducerConfig.CLIENT_ID_CONFIG, "invoice-outbox-relay");
		config.putAll(overrides);
		return Collections.unmodifiableMap(config);
	}

}
