package io.tally.invoice.outbox;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import io.tally.events.registry.SchemaRegistryAccessDeniedException;
import io.tally.invoice.invoice.Invoice;
import io.tally.invoice.invoice.InvoiceEvent;
import io.tally.invoice.invoice.InvoiceStatus;
import io.tally.registry.standin.SchemaRegistryStandIn;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.ProducerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The relay's producer and the outbox serializer take their Kafka and registry settings
 * from Spring Boot's {@code spring.kafka.*} (servers, security protocol, SSL, SASL via
 * {@code spring.kafka.properties.*}, Confluent's registry keys), while the relay keeps
 * its own delivery guarantees.
 */
class RelayKafkaSettingsTest {

	private final ApplicationContextRunner boot = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class))
		.withPropertyValues("spring.kafka.bootstrap-servers=broker-1:9093,broker-2:9093",
				"spring.kafka.security.protocol=SASL_SSL",
				"spring.kafka.ssl.trust-store-location=file:/etc/kafka/ca.p12",
				"spring.kafka.ssl.trust-store-password=changeit", "spring.kafka.ssl.trust-store-type=PKCS12",
				"spring.kafka.properties.sasl.mechanism=SCRAM-SHA-512",
				"spring.kafka.properties.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"invoice-service\" password=\"p\";",
				"spring.kafka.producer.acks=1", "spring.kafka.producer.compression-type=gzip");

	@Test
	void theRelayProducerTakesSpringKafkaSecurityAndKeepsItsOwnGuarantees() {
		this.boot.run((context) -> {
			Map<String, Object> config = OutboxConfiguration.relayProducerConfig(
					context.getBean(ProducerFactory.class).getConfigurationProperties(), Map.of("linger.ms", "20"));

			assertThat(config.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG).toString()).contains("broker-1:9093",
					"broker-2:9093");
			assertThat(config).containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL")
				.containsEntry(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512")
				.containsEntry(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, "changeit")
				.containsEntry(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12")
				.containsKey(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG);
			assertThat(config.get(SaslConfigs.SASL_JAAS_CONFIG).toString()).contains("username=\"invoice-service\"");
			// the relay's guarantees and tuning, then tally.outbox.producer.* last
			assertThat(config).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
				.containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
				.containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")
				.containsEntry(ProducerConfig.LINGER_MS_CONFIG, "20");
		});
	}

	@Test
	void theOutboxSerializerUsesTheRegistryCredentialsOfSpringKafkaProperties() {
		try (SchemaRegistryStandIn registry = SchemaRegistryStandIn.start(0)) {
			registry.requireBasicAuth(Map.of("invoice-service", "right"));
			InvoiceEvent event = event();

			Serializer<Object> right = serializer(registry, "invoice-service:right");
			byte[] payload = right.serialize("invoice-events", EventRecords.toAvro(event));
			assertThat(payload[0]).as("Confluent's magic byte").isZero();

			Serializer<Object> wrong = serializer(registry, "invoice-service:wrong");
			assertThatThrownBy(() -> wrong.serialize("invoice-events", EventRecords.toAvro(event)))
				.isInstanceOf(SchemaRegistryAccessDeniedException.class)
				.hasMessageContaining("user 'invoice-service'");
		}
	}

	private Serializer<Object> serializer(SchemaRegistryStandIn registry, String userInfo) {
		Serializer<Object>[] built = new Serializer[1];
		this.boot
			.withPropertyValues("spring.kafka.properties.schema.registry.url=" + registry.url(),
					"spring.kafka.properties.basic.auth.credentials.source=USER_INFO",
					"spring.kafka.properties.basic.auth.user.info=" + userInfo)
			.run((context) -> built[0] = new OutboxConfiguration()
				.outboxEventSerializer(context.getBean(ProducerFactory.class)));
		return built[0];
	}

	private static InvoiceEvent event() {
		Instant now = Instant.parse("2026-12-01T10:00:00Z");
		return new InvoiceEvent.Created(UUID.randomUUID(), now,
				new Invoice(UUID.randomUUID(), UUID.randomUUID(), 100, "USD", InvoiceStatus.PENDING,
						LocalDate.parse("2026-12-01"), null, 1, now, now, "tally-cli", "tally-cli"));
	}

}
