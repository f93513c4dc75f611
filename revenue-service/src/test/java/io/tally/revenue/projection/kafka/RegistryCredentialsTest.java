package io.tally.revenue.projection.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.tally.events.InvoiceCreated;
import io.tally.events.invoice.InvoiceEventHeaders;
import io.tally.events.serde.AvroSerdeConfig;
import io.tally.events.serde.KafkaAvroSerializer;
import io.tally.events.serde.TopicRecordNameStrategy;
import io.tally.events.testing.InvoiceEvents;
import io.tally.registry.standin.SchemaRegistryStandIn;
import io.tally.revenue.RevenueServiceApplication;
import io.tally.support.security.Scopes;
import io.tally.testsupport.TestInfrastructure;
import io.tally.testsupport.http.JsonHttp;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * revenue-service against a schema registry that requires basic auth, configured only
 * through Confluent's keys in {@code spring.kafka.properties.*}: while the registry
 * refuses the service's credentials a valid event is retried with back-off (a WARN line
 * naming the user, never the password) and never dead-lettered; once the registry accepts
 * them the event is applied.
 * <p>
 * A registry of its own (the shared one stays open for the other tests), and a topic,
 * group and database of their own: its records carry this registry's schema ids.
 */
@ExtendWith(OutputCaptureExtension.class)
class RegistryCredentialsTest {

	private static final String TOPIC = "invoice-events-registry-auth";

	private static final String DEAD_LETTERS = TOPIC + "-dlt";

	private static final String PASSWORD = "registry-pass-" + UUID.randomUUID();

	private static SchemaRegistryStandIn registry;

	private static ConfigurableApplicationContext app;

	@BeforeAll
	static void start() throws Exception {
		registry = SchemaRegistryStandIn.start(0);
		// the producer's credentials are right, revenue-service's are not (yet)
		registry.requireBasicAuth(Map.of("invoice-service", "producer-pass"));
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(TOPIC, Optional.of(2), Optional.empty()))).all().get();
		}
		Map<String, String> properties = TestInfrastructure.springProperties("revenue_registry_auth");
		properties.put("server.port", "0");
		properties.put("management.server.port", "0");
		properties.put("spring.datasource.hikari.maximum-pool-size", "4");
		properties.put("spring.kafka.properties.schema.registry.url", registry.url());
		properties.put("spring.kafka.properties.basic.auth.credentials.source", "USER_INFO");
		properties.put("spring.kafka.properties.basic.auth.user.info", "revenue-service:" + PASSWORD);
		properties.put("tally.projection.topic", TOPIC);
		properties.put("tally.projection.group-id", "revenue-registry-auth-" + UUID.randomUUID());
		properties.put("tally.projection.dead-letter-topic", DEAD_LETTERS);
		properties.put("tally.projection.retry.initial-interval", "100ms");
		properties.put("tally.projection.retry.max-interval", "500ms");
		properties.put("spring.kafka.consumer.properties.metadata.max.age.ms", "1000");
		app = new SpringApplicationBuilder(RevenueServiceApplication.class).registerShutdownHook(false)
			.run(TestInfrastructure.commandLine(properties));
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
		if (registry != null) {
			registry.close();
		}
	}

	@Test
	void aValidEventIsRetriedWhileTheRegistryRefusesTheCredentialsNeverDeadLetteredThenApplied(CapturedOutput output) {
		MeterRegistry meters = app.getBean(MeterRegistry.class);
		UUID invoice = UUID.randomUUID();
		UUID customer = UUID.randomUUID();
		produce(InvoiceEvents.created(invoice, customer, 2_500, "EUR", LocalDate.of(2174, 1, 5)));

		await().atMost(Duration.ofSeconds(60))
			.until(() -> meters.get("tally.projection.retries").counter().count() >= 3);
		assertThat(meters.get("tally.projection.dead.lettered").counter().count()).isZero();
		assertThat(output.getAll()).contains("rejected the credentials of user 'revenue-service'")
			.doesNotContain(PASSWORD);
		RevenueApi api = new RevenueApi(new JsonHttp(
				"http://localhost:" + app.getEnvironment().getRequiredProperty("local.server.port", Integer.class),
				() -> TestInfrastructure.issuer().bearer(Scopes.REVENUE_READ)));
		assertThat(api.customer(customer)).as("not applied yet").isNull();

		registry.requireBasicAuth(Map.of("invoice-service", "producer-pass", "revenue-service", PASSWORD));

		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(api.customer(customer)).containsExactly("EUR 2500/0/2500 x1"));
		assertThat(meters.get("tally.projection.dead.lettered").counter().count()).isZero();
		assertThat(DeadLetterTopic.recordsWithKey(DEAD_LETTERS, invoice.toString())).isEmpty();
	}

	private static void produce(InvoiceCreated event) {
		Map<String, Object> config = new HashMap<>();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
		config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
		config.put("basic.auth.credentials.source", "USER_INFO");
		config.put("basic.auth.user.info", "invoice-service:producer-pass");
		config.put(AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, TopicRecordNameStrategy.class.getName());
		KafkaAvroSerializer values = new KafkaAvroSerializer();
		values.configure(config, false);
		RecordHeaders headers = new RecordHeaders();
		headers.add(InvoiceEventHeaders.EVENT_ID, event.getEventId().getBytes(StandardCharsets.UTF_8));
		try (KafkaProducer<String, Object> producer = new KafkaProducer<>(config, new StringSerializer(), values)) {
			producer.send(new ProducerRecord<>(TOPIC, null, event.getInvoiceId(), event, headers)).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException("could not send", ex);
		}
	}

}
