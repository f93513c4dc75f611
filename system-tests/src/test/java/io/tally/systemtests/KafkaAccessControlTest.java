package io.tally.systemtests;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.tally.events.InvoiceStatus;
import io.tally.events.invoice.InvoiceEventData;
import io.tally.events.serde.AvroSerdeConfig;
import io.tally.events.serde.KafkaAvroDeserializer;
import io.tally.events.serde.KafkaAvroSerializer;
import io.tally.events.serde.TopicRecordNameStrategy;
import io.tally.events.testing.InvoiceEvents;
import io.tally.localstack.KafkaCredentials;
import io.tally.localstack.KafkaSecurity;
import io.tally.localstack.LocalStack;
import io.tally.localstack.Service;
import io.tally.testsupport.http.JsonHttp;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The broker as the local stack runs it — SASL/PLAIN and ACLs, each service its own
 * principal — checked from outside with Kafka's own clients against both services and the
 * auth-server running from their jars: only invoice-service (and the dead-letter
 * re-drive, a principal of its own) may write {@code invoice-events}, so a record forged
 * as anyone else is refused by the broker; without credentials nothing gets in;
 * revenue-service reads the events, dead-letters, indexes and re-drives as the ACLs
 * allow; invoice-service cannot read the dead letters. And the event of an authenticated
 * change names the token's subject as {@code changedBy}.
 */
@Order(6)
class KafkaAccessControlTest {

	private static final String EVENTS = "invoice-events";

	private static final String DEAD_LETTERS = "invoice-events-dlt";

	private static final String INVOICE_SERVICE = Service.INVOICE_SERVICE.id();

	private static final String REVENUE_SERVICE = Service.REVENUE_SERVICE.id();

	private static LocalStack stack;

	@BeforeAll
	static void sharedStack() throws Exception {
		// SASL and ACLs are the stack's default
		stack = SharedStack.get().stack();
		assertThat(stack.kafkaSecurity()).isEqualTo(KafkaSecurity.SASL_ACLS);
	}

	@Test
	void aRecordForgedAsAnotherPrincipalIsRefusedByTheBroker() {
		// the attack of issue 8: a version no real change can ever exceed
		SpecificRecord forged = InvoiceEvents.updated(UUID.randomUUID(), Long.MAX_VALUE, UUID.randomUUID(), 1, "USD",
				InvoiceStatus.PENDING, LocalDate.now(), null);
		Map<TopicPartition, Long> before = endOffsets(EVENTS);

		try (KafkaProducer<String, Object> producer = avroProducer(REVENUE_SERVICE)) {
			assertThatThrownBy(
					() -> producer.send(new ProducerRecord<>(EVENTS, InvoiceEventData.from(forged).invoiceId(), forged))
						.get(30, TimeUnit.SECONDS))
				.hasCauseInstanceOf(TopicAuthorizationException.class)
				.hasMessageContaining(EVENTS);
		}
		assertThat(endOffsets(EVENTS)).as("nothing was appended").isEqualTo(before);
	}

	@Test
	void aProducerWithoutCredentialsCannotConnectNorOneWithAWrongPassword() {
		Map<TopicPartition, Long> before = endOffsets(EVENTS);
		Map<String, Object> anonymous = new HashMap<>();
		anonymous.put("bootstrap.servers", stack.kafkaBootstrapServers());
		anonymous.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
		// the SASL listener never answers a client that does not start with a handshake:
		// no metadata, so nothing can even be sent
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(anonymous, new ByteArraySerializer(),
				new ByteArraySerializer())) {
			assertThatThrownBy(() -> producer.send(new ProducerRecord<>(EVENTS, new byte[] { 1 })).get())
				.isInstanceOfAny(TimeoutException.class, ExecutionException.class)
				.satisfies(
						(ex) -> assertThat(ex instanceof TimeoutException || ex.getCause() instanceof TimeoutException)
							.as("timed out waiting for metadata: %s", ex)
							.isTrue());
		}
		Map<String, Object> wrongPassword = stack.kafkaClientConfig(INVOICE_SERVICE);
		wrongPassword.put("sasl.jaas.config",
				"org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + INVOICE_SERVICE
						+ "\" password=\"guessed\";");
		wrongPassword.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(wrongPassword, new ByteArraySerializer(),
				new ByteArraySerializer())) {
			assertThatThrownBy(() -> producer.send(new ProducerRecord<>(EVENTS, new byte[] { 1 })).get())
				.satisfies((ex) -> assertThat(causes(ex)).hasAtLeastOneElementOfType(SaslAuthenticationException.class))
				.hasMessageContaining("Invalid username or password");
		}
		assertThat(endOffsets(EVENTS)).as("nothing was appended").isEqualTo(before);
	}

	@Test
	void revenueServiceReadsTheEventsButCannotWriteThem() {
		String invoiceId = createInvoice();
		await().atMost(Duration.ofSeconds(60)).until(() -> eventsOf(invoiceId, KafkaCredentials.ADMIN).size() == 1);

		assertThat(eventsOf(invoiceId, REVENUE_SERVICE)).as("read as revenue-service").hasSize(1);
		try (KafkaProducer<byte[], byte[]> producer = rawProducer(REVENUE_SERVICE)) {
			assertThatThrownBy(() -> producer.send(new ProducerRecord<>(EVENTS, invoiceId.getBytes(), new byte[] { 0 }))
				.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(TopicAuthorizationException.class);
		}
	}

	@Test
	void revenueServiceDeadLettersIndexesAndRedrivesUnderItsGrants() throws Exception {
		String key = UUID.randomUUID().toString();
		// bytes no deserializer reads, sent as the super user: revenue-service must
		// dead-letter them (WRITE on the dead-letter topic), index them (READ on it, in
		// its
		// group) and send them back on request (the re-drive principal's WRITE on the
		// event topic)
		try (KafkaProducer<byte[], byte[]> producer = rawProducer(KafkaCredentials.ADMIN)) {
			producer.send(new ProducerRecord<>(EVENTS, key.getBytes(), "not avro".getBytes()))
				.get(30, TimeUnit.SECONDS);
		}
		JsonHttp operator = new JsonHttp(stack.url(Service.REVENUE_SERVICE), stack.accessTokens()::authorization);
		JsonNode deadLetter = await().atMost(Duration.ofSeconds(90))
			.until(() -> withKey(operator.get("/api/ops/dead-letters?status=PENDING&size=100").expect(200).json(), key),
					Optional::isPresent)
			.orElseThrow();

		JsonNode redriven = operator.post("/api/ops/dead-letters/" + deadLetter.path("id").asLong() + "/redrive", null)
			.expect(200)
			.json();

		assertThat(redriven.path("status").asString()).isEqualTo("REDRIVEN");
		assertThat(redriven.path("redrivenTo").asString()).startsWith(EVENTS + "-");
		assertThat(eventsOf(key, KafkaCredentials.ADMIN)).as("the original and the re-driven copy").hasSize(2);
	}

	private static Optional<JsonNode> withKey(JsonNode page, String key) {
		for (JsonNode item : page.path("items")) {
			if (item.path("key").asString().equals(key)) {
				return Optional.of(item);
			}
		}
		return Optional.empty();
	}

	@Test
	void invoiceServiceCannotReadTheDeadLetters() {
		try (KafkaConsumer<byte[], byte[]> consumer = consumer(INVOICE_SERVICE)) {
			assertThatThrownBy(() -> consumer.partitionsFor(DEAD_LETTERS, Duration.ofSeconds(30)))
				.isInstanceOf(TopicAuthorizationException.class)
				.hasMessageContaining(DEAD_LETTERS);
			consumer.assign(List.of(new TopicPartition(DEAD_LETTERS, 0)));
			consumer.seekToBeginning(consumer.assignment());
			assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(30)))
				.isInstanceOf(TopicAuthorizationException.class);
		}
		try (KafkaConsumer<byte[], byte[]> consumer = consumer(KafkaCredentials.ADMIN)) {
			assertThat(consumer.partitionsFor(DEAD_LETTERS, Duration.ofSeconds(30))).as("the admin may").hasSize(6);
		}
	}

	@Test
	void theEventOfAnAuthenticatedChangeNamesTheTokensSubjectAsChangedBy() {
		assertThat(new JsonHttp().get(stack.url(Service.INVOICE_SERVICE) + "/api/invoices").status())
			.as("invoice-service requires a token: it is an OAuth2 resource server")
			.isEqualTo(401);
		String invoiceId = createInvoice();

		await().atMost(Duration.ofSeconds(60)).until(() -> eventsOf(invoiceId, KafkaCredentials.ADMIN).size() == 1);
		SpecificRecord created = (SpecificRecord) avroEventsOf(invoiceId).get(0);
		// a client-credentials token's subject is the client id
		assertThat(InvoiceEventData.from(created).changedBy()).isEqualTo(stack.credentials().cli().id());
	}

	private static String createInvoice() {
		JsonHttp api = new JsonHttp(stack.url(Service.INVOICE_SERVICE), stack.accessTokens()::authorization);
		return api
			.post("/api/invoices",
					"{\"customerId\":\"" + UUID.randomUUID() + "\",\"amountMinor\":4200,\"currency\":\"EUR\"}")
			.expect(201)
			.json()
			.path("id")
			.asString();
	}

	/**
	 * Raw values of every record of {@code invoiceId} on invoice-events, read as
	 * {@code user}.
	 */
	private static List<byte[]> eventsOf(String invoiceId, String user) {
		try (KafkaConsumer<byte[], byte[]> consumer = consumer(user)) {
			return readAll(consumer, EVENTS, invoiceId);
		}
	}

	private static List<Object> avroEventsOf(String invoiceId) {
		KafkaAvroDeserializer values = new KafkaAvroDeserializer();
		values.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.registryUrl(),
				AvroSerdeConfig.SPECIFIC_AVRO_READER, true), false);
		List<Object> events = new ArrayList<>();
		for (byte[] value : eventsOf(invoiceId, KafkaCredentials.ADMIN)) {
			events.add(values.deserialize(EVENTS, value));
		}
		return events;
	}

	private static List<byte[]> readAll(KafkaConsumer<byte[], byte[]> consumer, String topic, String key) {
		List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30))
			.stream()
			.map((p) -> new TopicPartition(topic, p.partition()))
			.toList();
		consumer.assign(partitions);
		consumer.seekToBeginning(partitions);
		Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
		List<byte[]> values = new ArrayList<>();
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
				if (record.key() != null && key.equals(new String(record.key()))) {
					values.add(record.value());
				}
			}
			return partitions.stream().allMatch((tp) -> consumer.position(tp) >= end.get(tp));
		});
		return values;
	}

	private static Map<TopicPartition, Long> endOffsets(String topic) {
		try (KafkaConsumer<byte[], byte[]> consumer = consumer(KafkaCredentials.ADMIN)) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30))
				.stream()
				.map((p) -> new TopicPartition(topic, p.partition()))
				.toList();
			return consumer.endOffsets(partitions);
		}
	}

	/** A consumer as {@code user} outside any group: it only assigns, never commits. */
	private static KafkaConsumer<byte[], byte[]> consumer(String user) {
		Map<String, Object> config = stack.kafkaClientConfig(user);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
	}

	private static KafkaProducer<byte[], byte[]> rawProducer(String user) {
		Map<String, Object> config = stack.kafkaClientConfig(user);
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
		return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
	}

	private static KafkaProducer<String, Object> avroProducer(String user) {
		Map<String, Object> config = stack.kafkaClientConfig(user);
		config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.registryUrl());
		config.put(AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, TopicRecordNameStrategy.class.getName());
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
		KafkaAvroSerializer values = new KafkaAvroSerializer();
		values.configure(config, false);
		return new KafkaProducer<>(config, new StringSerializer(), values);
	}

	private static List<Throwable> causes(Throwable failure) {
		List<Throwable> causes = new ArrayList<>();
		for (Throwable t = failure; t != null && !causes.contains(t); t = t.getCause()) {
			causes.add(t);
		}
		return causes;
	}

}
