package io.tally.load.bulk;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.tally.events.InvoiceCreated;
import io.tally.events.invoice.InvoiceEventHeaders;
import io.tally.events.registry.SchemaRegistryClients;
import io.tally.events.serde.AvroSerdeConfig;
import io.tally.events.serde.KafkaAvroDeserializer;
import io.tally.load.StubServer;
import io.tally.load.http.Endpoint;
import io.tally.load.http.HttpConnection;
import io.tally.testsupport.TestInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bulk path against a real broker (test-support's) and the registry stand-in over
 * HTTP, read back with the contract's own deserializer.
 */
class BulkLoadKafkaTest {

	private static final int PARTITIONS = 6;

	private static final int EVENTS = 2_000;

	private static Admin admin;

	@BeforeAll
	static void connect() {
		admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()));
	}

	@AfterAll
	static void disconnect() {
		if (admin != null) {
			admin.close();
		}
	}

	@Test
	void writesEveryEventKeyedByItsInvoiceToThePartitionTheRelayWouldUseInTheWireFormat() throws Exception {
		String topic = newTopic();
		List<InvoiceCreated> sent = new ArrayList<>();
		BulkInvoices invoices = new BulkInvoices(200, List.of("USD", "EUR"), Clock.systemUTC(), new SplittableRandom());
		BulkWriter.Result result;
		try (BulkWriter writer = new BulkWriter(TestInfrastructure.kafkaBootstrapServers(),
				TestInfrastructure.schemaRegistryUrl(), Map.of(), topic)) {
			BulkWriter.Target target = writer.prepare();
			assertThat(target.partitions()).isEqualTo(PARTITIONS);
			assertThat(target.schemaId()).isPositive();
			result = writer.write(EVENTS, () -> {
				InvoiceCreated event = invoices.next();
				sent.add(event);
				return event;
			});
		}
		assertThat(result.failure()).isNull();
		assertThat(result.sent()).isEqualTo(EVENTS);
		assertThat(result.acknowledged()).isEqualTo(EVENTS);
		assertThat(result.failed()).isZero();

		Map<String, InvoiceCreated> expected = new HashMap<>();
		sent.forEach((event) -> expected.put(event.getInvoiceId(), event));
		List<ConsumerRecord<String, Object>> received = readAll(topic, EVENTS);
		assertThat(received).hasSize(EVENTS);
		Set<String> keys = new HashSet<>();
		for (ConsumerRecord<String, Object> record : received) {
			assertThat(record.value()).isInstanceOf(InvoiceCreated.class);
			InvoiceCreated event = (InvoiceCreated) record.value();
			assertThat(record.key()).isEqualTo(event.getInvoiceId());
			assertThat(event).isEqualTo(expected.get(record.key()));
			assertThat(event.getInvoiceVersion()).isEqualTo(1);
			assertThat(header(record, InvoiceEventHeaders.EVENT_TYPE)).isEqualTo("InvoiceCreated");
			assertThat(header(record, InvoiceEventHeaders.EVENT_ID)).isEqualTo(event.getEventId());
			assertThat(header(record, InvoiceEventHeaders.INVOICE_VERSION)).isEqualTo("1");
			// the relay sends the key's UTF-8 bytes through Kafka's default partitioner
			byte[] keyBytes = record.key().getBytes(StandardCharsets.UTF_8);
			assertThat(record.partition()).isEqualTo(Utils.toPositive(Utils.murmur2(keyBytes)) % PARTITIONS);
			keys.add(record.key());
		}
		assertThat(keys).hasSize(EVENTS);
		assertThat(received.stream().map(ConsumerRecord::partition).distinct()).hasSize(PARTITIONS);
		var registry = SchemaRegistryClients
			.fromConfig(Map.of(SchemaRegistryClients.URL, TestInfrastructure.schemaRegistryUrl()));
		assertThat(registry.latestVersion(topic + "-io.tally.events.InvoiceCreated").version()).isEqualTo(1);
	}

	@Test
	void waitsUntilRevenueCountsEveryWrittenEventAndSaysHowFastItWent() throws Exception {
		String topic = newTopic();
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		// stands in for revenue-service: it counts what is on the topic, plus five
		// invoices from before the load
		try (StubServer revenue = new StubServer().on(BulkLoad.SUMMARY,
				(exchange) -> StubServer.respond(exchange, 200,
						"{\"totals\":[{\"currency\":\"USD\",\"invoiceCount\":" + (2 + recordsOn(topic))
								+ "},{\"currency\":\"EUR\",\"invoiceCount\":3}],\"customerCount\":4}"));
				HttpConnection connection = new HttpConnection(Endpoint.of(revenue.url()), 5_000,
						() -> "Bearer bulk-test");
				PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
			BulkOptions options = new BulkOptions(EVENTS, 100, List.of("USD"), topic,
					TestInfrastructure.kafkaBootstrapServers(), TestInfrastructure.schemaRegistryUrl(), null, true,
					Duration.ofSeconds(30));
			new BulkLoad(options, connection, null, out).run();
			assertThat(revenue.requests).isNotEmpty()
				.allSatisfy((seen) -> assertThat(seen.authorization()).isEqualTo("Bearer bulk-test"));
		}
		String printed = output.toString(StandardCharsets.UTF_8);
		assertThat(printed).contains("Revenue: 5 invoices in the books before the load")
			.contains("Topic " + topic + ": 6 partitions")
			.contains("Sent: 2,000 events acknowledged in")
			.contains("Waiting until revenue-service shows 2,005 invoices (5 + 2,000)")
			.containsPattern("Applied: 2,000 events in [0-9.]+ s \\([0-9,]+/s\\)");
		assertThat(readAll(topic, EVENTS)).hasSize(EVENTS);
	}

	private static String newTopic() throws Exception {
		String topic = "bulk-load-" + UUID.randomUUID();
		admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
		return topic;
	}

	private static long recordsOn(String topic) {
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		for (int p = 0; p < PARTITIONS; p++) {
			latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
		}
		try {
			Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets = admin.listOffsets(latest)
				.all()
				.get(10, TimeUnit.SECONDS);
			return offsets.values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<ConsumerRecord<String, Object>> readAll(String topic, int expected) {
		KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
		deserializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, TestInfrastructure.schemaRegistryUrl(),
				AvroSerdeConfig.SPECIFIC_AVRO_READER, "true"), false);
		List<ConsumerRecord<String, Object>> received = new ArrayList<>();
		try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, "bulk-load-test-" + UUID.randomUUID(),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), deserializer)) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			while (received.size() < expected && System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(200)).forEach(received::add);
			}
			// anything beyond the expected records would show up in one more poll
			consumer.poll(Duration.ofMillis(200)).forEach(received::add);
		}
		return received;
	}

	private static String header(ConsumerRecord<String, Object> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

}
