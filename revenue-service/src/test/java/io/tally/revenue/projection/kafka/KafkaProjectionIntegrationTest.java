package io.tally.revenue.projection.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.tally.events.InvoiceCreated;
import io.tally.events.InvoiceStatus;
import io.tally.events.invoice.InvoiceEventData;
import io.tally.events.invoice.InvoiceEventType;
import io.tally.events.serde.AvroSerdeConfig;
import io.tally.events.serde.KafkaAvroDeserializer;
import io.tally.events.testing.InvoiceEvents;
import io.tally.events.testing.ReleasedSchemas;
import io.tally.revenue.IntegrationTestBase;
import io.tally.testsupport.TestInfrastructure;
import io.tally.testsupport.http.JsonHttp;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The consumer end to end on a real broker and PostgreSQL: events produced with the Avro
 * serializer through the registry stand-in, figures read back through the REST API. Each
 * test uses its own invoices, customers and year so that the shared broker and database
 * don't matter.
 */
class KafkaProjectionIntegrationTest extends IntegrationTestBase {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private static EventProducer events;

	@Autowired
	MeterRegistry meters;

	@Autowired
	DataSource dataSource;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@BeforeAll
	static void producers() {
		events = new EventProducer();
	}

	@AfterAll
	static void closeProducers() {
		events.close();
	}

	@Test
	void commitsOffsetsByTimeWithoutWaitingUpToWhatTheProjectionApplied() throws Exception {
		MessageListenerContainer container = this.listeners.getListenerContainer(InvoiceEventListener.ID);
		assertThat(container).isNotNull();
		ContainerProperties settings = container.getContainerProperties();
		assertThat(settings.getAckMode()).isEqualTo(ContainerProperties.AckMode.TIME);
		assertThat(settings.getAckTime()).isEqualTo(100);
		assertThat(settings.isSyncCommits()).isFalse();

		RevenueApi api = new RevenueApi(api());
		UUID customer = UUID.randomUUID();
		UUID invoice = UUID.randomUUID();
		events.send(InvoiceEvents.created(invoice, customer, 4_200, "USD", LocalDate.of(2193, 5, 1)));
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(api.customer(customer)).hasSize(1));
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()))) {
			String topic = container.getContainerProperties().getTopics()[0];
			int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
			// the partition the producer's default partitioner chose for the invoice's
			// key
			TopicPartition partition = new TopicPartition(topic,
					Utils.toPositive(Utils.murmur2(invoice.toString().getBytes(StandardCharsets.UTF_8))) % partitions);
			// the projection recorded, in its own transaction, where it stands in that
			// partition (past the event); the commit to Kafka follows without a further
			// record
			Long applied = new JdbcTemplate(this.dataSource).queryForObject(
					"SELECT next_offset FROM projection_offsets WHERE topic = ? AND partition = ?", Long.class, topic,
					partition.partition());
			assertThat(applied).isNotNull();
			await().atMost(PATIENCE).untilAsserted(() -> {
				OffsetAndMetadata committed = admin.listConsumerGroupOffsets(container.getGroupId())
					.partitionsToOffsetAndMetadata()
					.get()
					.get(partition);
				assertThat(committed).isNotNull();
				assertThat(committed.offset()).isGreaterThanOrEqualTo(applied);
			});
		}
	}

	@Test
	void followsAnInvoiceThroughItsLifecycle() {
		RevenueApi api = new RevenueApi(api());
		UUID invoice = UUID.randomUUID();
		UUID alice = UUID.randomUUID();
		UUID bob = UUID.randomUUID();
		Map<String, String> before = currencyTotals(api.summary());

		events.send(InvoiceEvents.created(invoice, alice, 10_000, "USD", LocalDate.of(2191, 3, 10)));
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(api.monthly("2191-02", "2191-04", "USD"))
				.containsExactly("2191-02 USD 0/0/0", "2191-03 USD 10000/0/10000", "2191-04 USD 0/0/0"));
		assertThat(api.customer(alice)).containsExactly("USD 10000/0/10000 x1");

		// amount, currency, customer and issue month all change
		events.send(InvoiceEvents.updated(invoice, 2, bob, 25_000, "EUR", InvoiceStatus.PENDING,
				LocalDate.of(2191, 4, 2), null));
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(api.monthly("2191-02", "2191-04", null))
				.containsExactly("2191-02 EUR 0/0/0", "2191-03 EUR 0/0/0", "2191-04 EUR 25000/0/25000"));
		assertThat(api.monthly("2191-03", "2191-03", "USD")).containsExactly("2191-03 USD 0/0/0");
		assertThat(api.customer(alice)).isEmpty();
		assertThat(api.customer(bob)).containsExactly("EUR 25000/0/25000 x1");
		// the summary is kept per projection version: it moves once this instance hears
		// of the commit
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(currencyTotals(api.summary()).get("EUR"))
				.isEqualTo(plus(before.getOrDefault("EUR", "EUR 0/0/0 x0"), 25_000, 0, 25_000, 1)));
		assertThat(api.summary().get("lastEventAt").isNull()).isFalse();

		// paid, backdated into February: collected counts in the payment month
		events.send(InvoiceEvents.paid(invoice, 3, bob, 25_000, "EUR", LocalDate.of(2191, 4, 2),
				Instant.parse("2191-02-15T12:00:00Z")));
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(api.monthly("2191-02", "2191-04", "EUR"))
				.containsExactly("2191-02 EUR 0/25000/0", "2191-03 EUR 0/0/0", "2191-04 EUR 25000/0/0"));
		assertThat(api.customer(bob)).containsExactly("EUR 25000/25000/0 x1");

		// back to pending
		events.send(InvoiceEvents.updated(invoice, 4, bob, 25_000, "EUR", InvoiceStatus.PENDING,
				LocalDate.of(2191, 4, 2), null));
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(api.monthly("2191-02", "2191-04", "EUR"))
				.containsExactly("2191-02 EUR 0/0/0", "2191-03 EUR 0/0/0", "2191-04 EUR 25000/0/25000"));
		assertThat(api.customer(bob)).containsExactly("EUR 25000/0/25000 x1");

		// deleted: no money left anywhere, the customer is still known
		events.send(InvoiceEvents.deleted(invoice, 5, bob, 25_000, "EUR", LocalDate.of(2191, 4, 2)));
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(api.customer(bob)).isEmpty());
		assertThat(api.monthly("2191-01", "2191-12", null)).isEmpty();
		assertThat(api.monthly("2191-04", "2191-04", "EUR")).containsExactly("2191-04 EUR 0/0/0");
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(currencyTotals(api.summary()).get("EUR")).isEqualTo(before.get("EUR")));
	}

	@Test
	void appliesReleaseOneRecordsFollowedByReleaseTwoRecordsOfTheSameInvoices() {
		RevenueApi api = new RevenueApi(api());
		UUID a = UUID.randomUUID();
		UUID b = UUID.randomUUID();
		UUID customer = UUID.randomUUID();
		LocalDate issued = LocalDate.of(2173, 3, 10);
		Instant paidAt = Instant.parse("2173-04-01T09:00:00Z");
		// written before the upgrade: schema v1, no changedBy
		events.sendAsRelease(InvoiceEvents.created(a, customer, 10_000, "EUR", issued), 1);
		events.sendAsRelease(InvoiceEvents.created(b, customer, 5_000, "EUR", issued), 1);
		events.sendAsRelease(InvoiceEvents.paid(a, 2, customer, 10_000, "EUR", issued, paidAt), 1);
		// then the upgraded producer: schema v2, changedBy set, the same invoices
		events.send(withChangedBy(
				InvoiceEvents.updated(a, 3, customer, 12_000, "EUR", InvoiceStatus.PAID, issued, paidAt), "tally-cli"));
		events.send(withChangedBy(InvoiceEvents.deleted(b, 2, customer, 5_000, "EUR", issued),
				UUID.randomUUID().toString()));
		events.send(withChangedBy(InvoiceEvents.created(UUID.randomUUID(), customer, 700, "EUR", issued.plusMonths(2)),
				"tally-cli"));

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(api.customer(customer)).containsExactly("EUR 12700/12000/700 x2"));
		assertThat(api.monthly("2173-03", "2173-05", "EUR")).containsExactly("2173-03 EUR 12000/0/0",
				"2173-04 EUR 0/12000/0", "2173-05 EUR 700/0/700");
		// the registry holds both releases of the record the two producers wrote
		JsonHttp registry = new JsonHttp(TestInfrastructure.schemaRegistryUrl());
		String subject = "/subjects/" + EventProducer.TOPIC + "-io.tally.events.InvoiceCreated/versions";
		List<Long> fingerprints = new ArrayList<>();
		for (JsonNode version : registry.get(subject).expect(200).json()) {
			fingerprints.add(SchemaNormalization.parsingFingerprint64(new Schema.Parser()
				.parse(registry.get(subject + "/" + version.asInt() + "/schema").expect(200).body())));
		}
		assertThat(fingerprints).contains(fingerprint(InvoiceEventType.CREATED, 1),
				fingerprint(InvoiceEventType.CREATED, 2));
	}

	private static SpecificRecord withChangedBy(SpecificRecord event, String changedBy) {
		InvoiceEventData d = InvoiceEventData.from(event);
		return new InvoiceEventData(d.eventId(), d.occurredAt(), d.invoiceId(), d.invoiceVersion(), d.customerId(),
				d.amountMinor(), d.currency(), d.status(), d.issueDate(), d.paidAt(), changedBy)
			.toRecord(InvoiceEventType.of(event).orElseThrow());
	}

	private static long fingerprint(InvoiceEventType type, int release) {
		return SchemaNormalization.parsingFingerprint64(ReleasedSchemas.schema(type, release));
	}

	@Test
	void duplicatesAndLateOlderVersionsChangeNothing() {
		RevenueApi api = new RevenueApi(api());
		UUID invoice = UUID.randomUUID();
		UUID customer = UUID.randomUUID();
		LocalDate issued = LocalDate.of(2192, 6, 1);
		InvoiceCreated created = InvoiceEvents.created(invoice, customer, 700, "JPY", issued);
		var paid = InvoiceEvents.paid(invoice, 2, customer, 700, "JPY", issued, Instant.parse("2192-07-01T00:00:00Z"));
		events.send(created);
		events.send(paid);
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(api.customer(customer)).containsExactly("JPY 700/700/0 x1"));
		double staleBefore = counter("tally.projection.events.stale");
		double appliedBefore = appliedTotal();

		events.send(paid);
		events.send(created);
		events.send(paid);

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(counter("tally.projection.events.stale")).isEqualTo(staleBefore + 3));
		assertThat(appliedTotal()).isEqualTo(appliedBefore);
		assertThat(api.customer(customer)).containsExactly("JPY 700/700/0 x1");
		assertThat(api.monthly("2192-06", "2192-07", "JPY")).containsExactly("2192-06 JPY 700/0/0",
				"2192-07 JPY 0/700/0");
	}

	@Test
	void deadLettersPoisonAndInvalidRecordsAndAppliesWhatFollows() throws Exception {
		RevenueApi api = new RevenueApi(api());
		double deadLetteredBefore = counter("tally.projection.dead.lettered");
		double retriesBefore = counter("tally.projection.retries");
		UUID customer = UUID.randomUUID();
		LocalDate issued = LocalDate.of(2193, 1, 20);

		UUID poisoned = UUID.randomUUID();
		byte[] randomBytes = new byte[64];
		new Random().nextBytes(randomBytes);
		randomBytes[0] = 7; // not the Confluent magic byte
		events.sendRaw(poisoned.toString(), randomBytes);
		UUID unknownSchema = UUID.randomUUID();
		byte[] unknownSchemaBytes = ByteBuffer.allocate(13).put((byte) 0).putInt(987_654_321).putLong(42).array();
		events.sendRaw(unknownSchema.toString(), unknownSchemaBytes);
		UUID zeroAmount = UUID.randomUUID();
		InvoiceCreated invalid = InvoiceEvents.created(zeroAmount, customer, 0, "USD", issued);
		events.send(invalid);
		UUID paidWithoutDate = UUID.randomUUID();
		events.send(InvoiceEvents.paid(paidWithoutDate, 1, customer, 500, "USD", issued, null));
		UUID unknownCurrency = UUID.randomUUID();
		events.send(InvoiceEvents.created(unknownCurrency, customer, 500, "XQZ", issued));
		UUID yearTenThousand = UUID.randomUUID();
		events.send(InvoiceEvents.created(yearTenThousand, customer, 500, "USD", LocalDate.parse("+10000-01-01")));
		// the next event of each invoice (same key, same partition, later offset) repairs
		// it
		events.send(InvoiceEvents.created(poisoned, customer, 100, "USD", issued));
		events.send(InvoiceEvents.updated(zeroAmount, 2, customer, 200, "USD", InvoiceStatus.PENDING, issued, null));

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(api.customer(customer)).containsExactly("USD 300/0/300 x2"));
		await().atMost(PATIENCE)
			.untilAsserted(
					() -> assertThat(counter("tally.projection.dead.lettered")).isEqualTo(deadLetteredBefore + 6));
		assertThat(counter("tally.projection.retries")).as("not retried").isEqualTo(retriesBefore);

		ConsumerRecord<String, byte[]> poison = single(DeadLetterTopic.recordsWithKey(poisoned.toString()));
		assertThat(poison.value()).isEqualTo(randomBytes);
		assertThat(header(poison, "kafka_dlt-exception-fqcn")).contains("DeserializationException");
		assertThat(header(poison, "kafka_dlt-original-topic")).isEqualTo("invoice-events");
		assertThat(poison.headers().lastHeader("kafka_dlt-original-offset")).isNotNull();
		assertThat(poison.headers().lastHeader("kafka_dlt-exception-stacktrace")).isNotNull();

		ConsumerRecord<String, byte[]> unknown = single(DeadLetterTopic.recordsWithKey(unknownSchema.toString()));
		assertThat(unknown.value()).isEqualTo(unknownSchemaBytes);
		assertThat(header(unknown, "kafka_dlt-exception-fqcn")).contains("DeserializationException");

		ConsumerRecord<String, byte[]> invalidRecord = single(DeadLetterTopic.recordsWithKey(zeroAmount.toString()));
		assertThat(header(invalidRecord, "kafka_dlt-exception-fqcn"))
			.isEqualTo("io.tally.revenue.projection.kafka.InvalidEvent");
		assertThat(header(invalidRecord, "kafka_dlt-exception-message")).contains("amountMinor");
		assertThat(header(invalidRecord, "eventId")).isEqualTo(invalid.getEventId());
		assertThat(header(invalidRecord, "eventType")).isEqualTo("InvoiceCreated");
		assertThat(invalidRecord.headers().lastHeader(RawValueKeepingDeserializer.RAW_VALUE_HEADER)).isNull();
		assertThat(deserialize(invalidRecord.value())).as("original bytes").isEqualTo(invalid);

		assertThat(header(single(DeadLetterTopic.recordsWithKey(paidWithoutDate.toString())),
				"kafka_dlt-exception-message"))
			.contains("PAID without paidAt");
		assertThat(header(single(DeadLetterTopic.recordsWithKey(unknownCurrency.toString())),
				"kafka_dlt-exception-message"))
			.contains("unknown currency");
		assertThat(header(single(DeadLetterTopic.recordsWithKey(yearTenThousand.toString())),
				"kafka_dlt-exception-message"))
			.contains("issueDate must lie between 1900-01-01 and 2199-12-31");
	}

	@Test
	void retriesATransientDatabaseFailureWithoutDeadLettering() throws Exception {
		RevenueApi api = new RevenueApi(api());
		UUID invoice = UUID.randomUUID();
		UUID customer = UUID.randomUUID();
		double retriesBefore = counter("tally.projection.retries");
		double deadLetteredBefore = counter("tally.projection.dead.lettered");

		try (Connection blocker = this.dataSource.getConnection()) {
			blocker.setAutoCommit(false);
			try (Statement statement = blocker.createStatement()) {
				// the projection's lock_timeout (300 ms here) expires while this lock is
				// held
				statement.execute("LOCK TABLE invoice_state IN ACCESS EXCLUSIVE MODE");
			}
			events.send(InvoiceEvents.created(invoice, customer, 4_200, "CHF", LocalDate.of(2194, 5, 5)));
			await().atMost(PATIENCE).until(() -> counter("tally.projection.retries") >= retriesBefore + 2);
			blocker.rollback();
		}

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(api.customer(customer)).containsExactly("CHF 4200/0/4200 x1"));
		assertThat(counter("tally.projection.dead.lettered")).isEqualTo(deadLetteredBefore);
		assertThat(DeadLetterTopic.recordsWithKey(invoice.toString())).isEmpty();
	}

	@Test
	void exposesTheProjectionAndConsumerMetricsToPrometheus() throws Exception {
		events.send(InvoiceEvents.created(UUID.randomUUID(), UUID.randomUUID(), 1, "USD", LocalDate.of(2195, 1, 1)));
		await().atMost(PATIENCE).until(() -> appliedTotal() > 0);

		String scrape = management().get("/actuator/prometheus").expect(200).body();

		assertThat(scrape).contains("tally_projection_events_applied_total{", "type=\"InvoiceCreated\"",
				"tally_projection_events_stale_total", "tally_projection_dead_lettered_total",
				"tally_projection_event_lag_seconds_bucket", "kafka_consumer_fetch_manager_records_lag");
	}

	private double counter(String name) {
		return this.meters.get(name).counter().count();
	}

	private double appliedTotal() {
		return this.meters.get("tally.projection.events.applied")
			.counters()
			.stream()
			.mapToDouble((c) -> c.count())
			.sum();
	}

	private static Map<String, String> currencyTotals(JsonNode summary) {
		Map<String, String> byCurrency = new java.util.HashMap<>();
		for (JsonNode total : summary.get("totals")) {
			byCurrency.put(total.get("currency").asString(), RevenueApi.totals(List.of(total)).get(0));
		}
		return byCurrency;
	}

	private static String plus(String totals, long invoiced, long collected, long pending, long count) {
		String[] parts = totals.split("[ /x]+");
		return parts[0] + " " + (Long.parseLong(parts[1]) + invoiced) + "/" + (Long.parseLong(parts[2]) + collected)
				+ "/" + (Long.parseLong(parts[3]) + pending) + " x" + (Long.parseLong(parts[4]) + count);
	}

	private static <T> T single(List<T> records) {
		assertThat(records).hasSize(1);
		return records.get(0);
	}

	private static String header(ConsumerRecord<?, ?> record, String name) {
		var header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	private static Object deserialize(byte[] value) {
		try (KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer()) {
			deserializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, TestInfrastructure.schemaRegistryUrl(),
					AvroSerdeConfig.SPECIFIC_AVRO_READER, true), false);
			return deserializer.deserialize("invoice-events", value);
		}
	}

}
