package io.tally.load.bulk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

import io.tally.events.InvoiceCreated;
import io.tally.events.InvoiceStatus;
import io.tally.events.invoice.InvoiceEventHeaders;
import io.tally.events.invoice.InvoiceEventType;
import io.tally.events.serde.AvroSerdeConfig;
import io.tally.events.serde.KafkaAvroDeserializer;
import io.tally.events.serde.KafkaAvroSerializer;
import io.tally.events.serde.TopicRecordNameStrategy;
import io.tally.events.testing.ReleasedSchemas;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BulkInvoicesTest {

	private static final Instant NOW = Instant.parse("2026-12-02T10:15:30.123Z");

	private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	private static final List<String> CURRENCIES = List.of("USD", "EUR", "JPY");

	private static final long SEED = 20261202L;

	@Test
	void spreadsTheInvoicesEvenlyOverNewCustomersInTurn() {
		BulkInvoices invoices = new BulkInvoices(100, CURRENCIES, CLOCK, new SplittableRandom(SEED));
		Map<String, Integer> perCustomer = new HashMap<>();
		Set<String> invoiceIds = new HashSet<>();
		Set<String> eventIds = new HashSet<>();
		for (int i = 0; i < 10_050; i++) {
			InvoiceCreated event = invoices.next();
			perCustomer.merge(event.getCustomerId(), 1, Integer::sum);
			invoiceIds.add(event.getInvoiceId());
			eventIds.add(event.getEventId());
		}
		assertThat(perCustomer).hasSize(100);
		assertThat(perCustomer.values()).allSatisfy((count) -> assertThat(count).isBetween(100, 101));
		assertThat(perCustomer.values().stream().filter((count) -> count == 101)).hasSize(50);
		assertThat(invoiceIds).as("every invoice is new").hasSize(10_050);
		assertThat(eventIds).hasSize(10_050);
		assertThat(invoices.count()).isEqualTo(10_050);
	}

	@Test
	void issuesOverTheLastTwentyFourMonthsPaysSixtyPercentWithinSixtyDaysAndNeverInTheFuture() {
		BulkInvoices invoices = new BulkInvoices(500, CURRENCIES, CLOCK, new SplittableRandom(SEED));
		LocalDate today = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
		LocalDate firstDay = today.minusMonths(24).plusDays(1);
		int events = 30_000;
		int paid = 0;
		Set<YearMonth> months = new HashSet<>();
		Map<String, Integer> perCurrency = new HashMap<>();
		long amounts = 0;
		for (int i = 0; i < events; i++) {
			InvoiceCreated event = invoices.next();
			assertThat(event.getIssueDate()).isBetween(firstDay, today);
			months.add(YearMonth.from(event.getIssueDate()));
			assertThat(event.getAmountMinor()).isBetween(BulkInvoices.MIN_AMOUNT, BulkInvoices.MAX_AMOUNT);
			amounts += event.getAmountMinor();
			perCurrency.merge(event.getCurrency(), 1, Integer::sum);
			assertThat(event.getOccurredAt()).isEqualTo(NOW);
			if (event.getStatus() == InvoiceStatus.PAID) {
				paid++;
				Instant issued = event.getIssueDate().atStartOfDay(ZoneOffset.UTC).toInstant();
				assertThat(event.getPaidAt()).isBetween(issued, NOW);
				assertThat(Duration.between(issued, event.getPaidAt()))
					.isLessThanOrEqualTo(Duration.ofDays(BulkInvoices.PAYMENT_DAYS));
			}
			else {
				assertThat(event.getStatus()).isEqualTo(InvoiceStatus.PENDING);
				assertThat(event.getPaidAt()).isNull();
			}
		}
		assertThat(months).as("every month of the window, this one included").hasSize(25);
		assertThat(paid / (double) events).isCloseTo(BulkInvoices.PAID_PERCENT / 100.0, within(0.015));
		assertThat(perCurrency.keySet()).containsExactlyInAnyOrderElementsOf(CURRENCIES);
		assertThat(perCurrency.values())
			.allSatisfy((count) -> assertThat(count / (double) events).isCloseTo(1 / 3.0, within(0.015)));
		assertThat(amounts / (double) events).as("mean amount")
			.isCloseTo((BulkInvoices.MIN_AMOUNT + BulkInvoices.MAX_AMOUNT) / 2.0, within(10_000.0));
	}

	@Test
	void everyEventIsAVersionOneInvoiceCreatedOfTheCurrentAndTheReleasedSchema() throws IOException {
		BulkInvoices invoices = new BulkInvoices(50, CURRENCIES, CLOCK, new SplittableRandom(SEED));
		Map<String, Object> config = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://bulk-invoices-test",
				AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, TopicRecordNameStrategy.class.getName(),
				AvroSerdeConfig.SPECIFIC_AVRO_READER, "true");
		KafkaAvroSerializer serializer = new KafkaAvroSerializer();
		serializer.configure(config, false);
		KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
		deserializer.configure(config, false);
		GenericDatumReader<GenericRecord> released = new GenericDatumReader<>(InvoiceEventType.CREATED.schema(),
				ReleasedSchemas.schema(InvoiceEventType.CREATED, 2), GenericData.get());
		for (int i = 0; i < 2_000; i++) {
			InvoiceCreated event = invoices.next();
			byte[] bytes = serializer.serialize("invoice-events", event);
			assertThat(deserializer.deserialize("invoice-events", bytes)).isEqualTo(event);
			GenericRecord asReleased = released.read(null,
					DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));
			assertThat(asReleased.get("invoiceId")).hasToString(event.getInvoiceId());
			assertThat(asReleased.get("changedBy")).hasToString(BulkInvoices.CHANGED_BY);

			assertThat(event.getInvoiceVersion()).isEqualTo(1);
			assertThat(event.getChangedBy()).isEqualTo(BulkInvoices.CHANGED_BY);
			for (String id : List.of(event.getEventId(), event.getInvoiceId(), event.getCustomerId())) {
				UUID uuid = UUID.fromString(id);
				assertThat(uuid).hasToString(id);
				assertThat(uuid.version()).isEqualTo(4);
				assertThat(uuid.variant()).isEqualTo(2);
			}
		}
	}

	@Test
	void aRecordIsKeyedByItsInvoiceIdAndCarriesTheRelaysHeaders() {
		InvoiceCreated event = new BulkInvoices(1, CURRENCIES, CLOCK, new SplittableRandom(SEED)).next();
		ProducerRecord<String, Object> record = BulkWriter.record("invoice-events", event);
		assertThat(record.topic()).isEqualTo("invoice-events");
		assertThat(record.key()).isEqualTo(event.getInvoiceId());
		assertThat(record.partition()).as("Kafka's default partitioner, as for the relay").isNull();
		assertThat(record.value()).isSameAs(event);
		assertThat(header(record, InvoiceEventHeaders.EVENT_ID)).isEqualTo(event.getEventId());
		assertThat(header(record, InvoiceEventHeaders.EVENT_TYPE)).isEqualTo("InvoiceCreated");
		assertThat(header(record, InvoiceEventHeaders.INVOICE_VERSION)).isEqualTo("1");
		assertThat(record.headers().toArray()).hasSize(3);
	}

	@Test
	void theProducerKeepsTheRelaysGuaranteesWhateverTheClientSettingsSay() {
		Map<String, Object> config = BulkWriter.producerConfig("localhost:19092",
				Map.of("security.protocol", "SASL_PLAINTEXT", "acks", "1", "enable.idempotence", "false", "linger.ms",
						"50", "schema.registry.url", "http://elsewhere", "basic.auth.user.info", "u:p"));
		assertThat(config).containsEntry("bootstrap.servers", "localhost:19092")
			.containsEntry("security.protocol", "SASL_PLAINTEXT")
			.containsEntry("acks", "all")
			.containsEntry("enable.idempotence", true)
			.containsEntry("compression.type", "lz4")
			.containsEntry("max.in.flight.requests.per.connection", 1)
			.containsEntry("linger.ms", "50")
			.doesNotContainKeys("schema.registry.url", "basic.auth.user.info");
		assertThat(BulkWriter.serializerConfig("http://localhost:18081", Map.of("basic.auth.user.info", "u:p")))
			.containsEntry("schema.registry.url", "http://localhost:18081")
			.containsEntry("basic.auth.user.info", "u:p")
			.containsEntry("value.subject.name.strategy", TopicRecordNameStrategy.class.getName());
	}

	private static String header(ProducerRecord<String, Object> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

}
