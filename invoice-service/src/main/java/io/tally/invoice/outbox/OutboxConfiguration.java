package io.tally.invoice.outbox;

import java.sql.DriverManager;
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
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.TopicBuilder;

/**
 * Wires the outbox writer, the relay and its producer, leadership, breaker and meters.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboxProperties.class)
class OutboxConfiguration {

	static final String CIRCUIT_BREAKER = "outbox-relay";

	@Bean
	NewTopic invoiceEventsTopic(OutboxProperties properties) {
		return TopicBuilder.name(properties.topic()).partitions(properties.partitions()).build();
	}

	@Bean
	Serializer<Object> outboxEventSerializer(KafkaProperties kafka) {
		Map<String, Object> config = new HashMap<>(kafka.getProperties());
		config.putIfAbsent(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "true");
		config.putIfAbsent(AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, TopicRecordNameStrategy.class.getName());
		KafkaAvroSerializer serializer = new KafkaAvroSerializer();
		serializer.configure(config, false);
		return serializer;
	}

	@Bean
	OutboxWriter outboxWriter(JdbcTemplate jdbc, Serializer<Object> outboxEventSerializer, OutboxProperties properties,
			TracePropagation tracing) {
		return new OutboxWriter(jdbc, outboxEventSerializer, properties.topic(), tracing);
	}

	@Bean
	OutboxRelay outboxRelay(JdbcTemplate jdbc, DataSourceProperties dataSource, KafkaProperties kafka,
			CircuitBreakerRegistry breakers, MeterRegistry meters, OutboxProperties properties,
			TracePropagation tracing) {
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
		}, properties.lockKey());
		OutboxMetrics metrics = new OutboxMetrics(meters, jdbc, leadership::isLeader);
		return new OutboxRelay(jdbc, leadership, producers(kafka.getBootstrapServers(), properties.producer()),
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
	static Supplier<Producer<byte[], byte[]>> producers(Iterable<String> bootstrapServers,
			Map<String, String> overrides) {
		return () -> {
			Map<String, Object> config = new HashMap<>();
			config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", bootstrapServers));
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
			return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
		};
	}

}
