package io.tally.revenue.deadletter.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.tally.events.InvoicePaid;
import io.tally.events.serde.AvroSerdeConfig;
import io.tally.events.serde.KafkaAvroSerializer;
import io.tally.events.serde.TopicRecordNameStrategy;
import io.tally.events.testing.InvoiceEvents;
import io.tally.revenue.deadletter.DecodedValue;
import io.tally.revenue.deadletter.NewDeadLetter;
import io.tally.revenue.deadletter.RecordPosition;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterEntriesTest {

	private static final String TOPIC = "invoice-events";

	private static final Map<String, Object> REGISTRY = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL,
			"mock://dead-letter-entries-test", AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY,
			TopicRecordNameStrategy.class.getName());

	private final EventDecoder decoder = new EventDecoder(REGISTRY, TOPIC);

	@Test
	void takesTheEventFromTheHeadersAndTheFailureAndOriginFromSpringsDeadLetterHeaders() {
		UUID invoice = UUID.randomUUID();
		RecordHeaders headers = new RecordHeaders();
		headers.add("eventId", bytes("e-1"));
		headers.add("eventType", bytes("InvoiceUpdated"));
		headers.add("invoiceVersion", bytes("7"));
		headers.add("kafka_dlt-exception-fqcn", bytes("io.tally.revenue.projection.kafka.InvalidEvent"));
		headers.add("kafka_dlt-exception-stacktrace", bytes("""
				org.springframework.kafka.listener.ListenerExecutionFailedException: failed
				\tat org.springframework.kafka.Some.method(Some.java:1)
				Caused by: io.tally.revenue.projection.kafka.InvalidEvent: unknown currency XQZ
				\tat io.tally.revenue.Other.method(Other.java:2)
				Caused by: java.lang.IllegalStateException: bad: really bad
				\t... 3 more
				"""));
		headers.add("kafka_dlt-exception-message", bytes("unknown currency XQZ"));
		headers.add("kafka_dlt-original-topic", bytes(TOPIC));
		headers.add("kafka_dlt-original-partition", ByteBuffer.allocate(4).putInt(4).array());
		headers.add("kafka_dlt-original-offset", ByteBuffer.allocate(8).putLong(1042).array());
		headers.add("kafka_dlt-original-timestamp", ByteBuffer.allocate(8).putLong(1_000).array());

		NewDeadLetter entry = DeadLetterEntries.from(record(bytes(invoice.toString()), new byte[] { 7, 7 }, headers),
				this.decoder);

		assertThat(entry.position()).isEqualTo(new RecordPosition("invoice-events-dlt", 2, 17));
		assertThat(entry.timestamp()).isEqualTo(Instant.ofEpochMilli(5_000));
		assertThat(entry.key()).isEqualTo(invoice.toString());
		assertThat(entry.invoiceId()).isEqualTo(invoice);
		assertThat(entry.eventId()).isEqualTo("e-1");
		assertThat(entry.eventType()).isEqualTo("InvoiceUpdated");
		assertThat(entry.invoiceVersion()).isEqualTo(7);
		assertThat(entry.valueSize()).isEqualTo(2);
		assertThat(entry.original()).isEqualTo(new RecordPosition(TOPIC, 4, 1042));
		assertThat(entry.originalTimestamp()).isEqualTo(Instant.ofEpochMilli(1_000));
		assertThat(entry.exceptionClass()).isEqualTo("io.tally.revenue.projection.kafka.InvalidEvent");
		assertThat(entry.rootCauseClass()).isEqualTo("java.lang.IllegalStateException");
		assertThat(entry.rootCauseMessage()).isEqualTo("bad: really bad");
		assertThat(entry.exceptionMessage()).isEqualTo("unknown currency XQZ");
	}

	@Test
	void decodesTheValueWhenHeadersAreMissing() {
		UUID invoice = UUID.randomUUID();
		InvoicePaid paid = InvoiceEvents.paid(invoice, 3, UUID.randomUUID(), 900, "EUR", LocalDate.of(2026, 1, 2),
				Instant.parse("2026-01-05T10:00:00Z"));
		byte[] value;
		try (KafkaAvroSerializer serializer = new KafkaAvroSerializer()) {
			serializer.configure(REGISTRY, false);
			value = serializer.serialize(TOPIC, paid);
		}

		NewDeadLetter entry = DeadLetterEntries.from(record(bytes("not-a-uuid"), value, new RecordHeaders()),
				this.decoder);

		assertThat(entry.key()).isEqualTo("not-a-uuid");
		assertThat(entry.invoiceId()).as("from the event").isEqualTo(invoice);
		assertThat(entry.eventId()).isEqualTo(paid.getEventId());
		assertThat(entry.eventType()).isEqualTo("InvoicePaid");
		assertThat(entry.invoiceVersion()).isEqualTo(3);
		assertThat(entry.original()).isNull();
		assertThat(entry.exceptionClass()).isNull();
		assertThat(entry.rootCauseClass()).isNull();

		DecodedValue decoded = this.decoder.forPeople(value);
		assertThat(decoded.failure()).isNull();
		assertThat(decoded.event()).containsEntry("type", "InvoicePaid")
			.containsEntry("invoiceId", invoice.toString())
			.containsEntry("invoiceVersion", 3L)
			.containsEntry("amountMinor", 900L)
			.containsEntry("status", "PAID")
			.containsEntry("issueDate", "2026-01-02")
			.containsEntry("paidAt", "2026-01-05T10:00:00Z");
		assertThat(decoded.event().keySet()).startsWith("type", "eventId", "occurredAt", "invoiceId");
	}

	@Test
	void leavesWhatCannotBeReadEmptyInsteadOfFailing() {
		RecordHeaders headers = new RecordHeaders();
		headers.add("invoiceVersion", bytes("seven"));
		headers.add("eventType", bytes("X".repeat(500)));
		headers.add("kafka_dlt-original-partition", new byte[] { 1 });

		NewDeadLetter entry = DeadLetterEntries.from(record(new byte[] { 0, (byte) 0xff }, null, headers),
				this.decoder);

		assertThat(entry.key()).isEqualTo("0x00ff");
		assertThat(entry.invoiceId()).isNull();
		assertThat(entry.invoiceVersion()).isNull();
		assertThat(entry.eventType()).as("too long for the index").isNull();
		assertThat(entry.valueSize()).isNull();
		assertThat(entry.original()).isNull();
		assertThat(this.decoder.tryDecode(new byte[] { 7, 1, 2 })).isEqualTo(Optional.empty());
		assertThat(this.decoder.forPeople(new byte[] { 7, 1, 2 }).failure()).contains("magic byte");
	}

	@Test
	void findsTheRootCauseInTheStackTrace() {
		assertThat(DeadLetterEntries.rootCause("a.B: outer\n\tat x\nCaused by: c.D\n\tat y"))
			.isEqualTo(new DeadLetterEntries.RootCause("c.D", null));
		assertThat(DeadLetterEntries.rootCause("a.B: outer\n\tat x")).isEqualTo(DeadLetterEntries.RootCause.NONE);
		assertThat(DeadLetterEntries.rootCause(null)).isEqualTo(DeadLetterEntries.RootCause.NONE);
	}

	private static ConsumerRecord<byte[], byte[]> record(byte[] key, byte[] value, RecordHeaders headers) {
		return new ConsumerRecord<>("invoice-events-dlt", 2, 17, 5_000, TimestampType.CREATE_TIME,
				(key != null) ? key.length : -1, (value != null) ? value.length : -1, key, value, headers,
				Optional.empty());
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
