package io.tally.events.serde;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tally.events.registry.SchemaRegistryClients;
import io.tally.events.testing.InvoiceEvents;
import io.tally.registry.standin.SchemaRegistryStandIn;
import io.tally.testsupport.TestInfrastructure;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event type through a real broker, with the schema registry over HTTP.
 */
class KafkaRoundTripTest {

	private static SchemaRegistryStandIn ownStandIn;

	private static String registryUrl;

	@BeforeAll
	static void registryOverHttp() {
		// an own stand-in, so that the HTTP calls this test causes can be counted exactly
		ownStandIn = SchemaRegistryStandIn.start(0);
		registryUrl = ownStandIn.url();
	}

	@AfterAll
	static void stopOwnStandIn() {
		if (ownStandIn != null) {
			ownStandIn.close();
		}
	}

	@Test
	void everyEventTypeSurvivesTheBrokerWithAndWithoutPaidAt() throws Exception {
		String bootstrap = TestInfrastructure.kafkaBootstrapServers();
		String topic = "event-schemas-round-trip-" + UUID.randomUUID();
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
			admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
		}
		String invoiceId = UUID.randomUUID().toString();
		List<SpecificRecord> sent = InvoiceEvents.everyTypeWithAndWithoutPaidAt(invoiceId);

		try (KafkaProducer<String, Object> producer = new KafkaProducer<>(producerConfig(bootstrap),
				new StringSerializer(), serializer())) {
			for (SpecificRecord event : sent) {
				producer.send(new ProducerRecord<>(topic, invoiceId, event)).get();
			}
		}

		List<Object> received = new ArrayList<>();
		try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(consumerConfig(bootstrap),
				new StringDeserializer(), deserializer())) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (received.size() < sent.size() && System.nanoTime() < deadline) {
				for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(200))) {
					assertThat(record.key()).isEqualTo(invoiceId);
					received.add(record.value());
				}
			}
		}

		assertThat(received).containsExactlyElementsOf(sent);
		var registry = SchemaRegistryClients.fromConfig(Map.of(SchemaRegistryClients.URL, registryUrl));
		for (String type : List.of("InvoiceCreated", "InvoiceUpdated", "InvoicePaid", "InvoiceDeleted")) {
			assertThat(registry.latestVersion(topic + "-io.tally.events." + type).version()).isEqualTo(1);
		}
		assertThat(ownStandIn.requestCount("POST /subjects/{subject}/versions")).isEqualTo(4);
		assertThat(ownStandIn.requestCount("GET /schemas/ids/{id}")).isEqualTo(4);
	}

	private static KafkaAvroSerializer serializer() {
		KafkaAvroSerializer serializer = new KafkaAvroSerializer();
		serializer.configure(
				Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl, AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY,
						"io.confluent.kafka.serializers.subject.TopicRecordNameStrategy"),
				false);
		return serializer;
	}

	private static KafkaAvroDeserializer deserializer() {
		KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
		deserializer.configure(
				Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl, AvroSerdeConfig.SPECIFIC_AVRO_READER, "true"),
				false);
		return deserializer;
	}

	private static Map<String, Object> producerConfig(String bootstrap) {
		return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
				ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
	}

	private static Map<String, Object> consumerConfig(String bootstrap) {
		return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG,
				"event-schemas-round-trip-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
	}

}
