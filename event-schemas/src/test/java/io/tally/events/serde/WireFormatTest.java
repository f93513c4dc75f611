package io.tally.events.serde;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.UUID;

import io.tally.events.InvoiceCreated;
import io.tally.events.registry.MockSchemaRegistry;
import io.tally.events.registry.SchemaRegistryClient;
import io.tally.events.testing.InvoiceEvents;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WireFormatTest {

	private final String scope = "wire-format-" + UUID.randomUUID();

	@AfterEach
	void dropRegistry() {
		MockSchemaRegistry.dropScope(this.scope);
	}

	@Test
	void writesMagicByteThenBigEndianSchemaIdThenPlainAvroBinary() throws Exception {
		SchemaRegistryClient registry = MockSchemaRegistry.forScope(this.scope);
		registry.register("unrelated", org.apache.avro.Schema.create(org.apache.avro.Schema.Type.STRING));
		KafkaAvroSerializer serializer = new KafkaAvroSerializer(registry, Map.of());
		InvoiceCreated event = InvoiceEvents.created(UUID.randomUUID().toString(), 123_456);

		byte[] bytes = serializer.serialize("invoice-events", event);

		int registeredId = registry.idOf("invoice-events-value", InvoiceCreated.getClassSchema());
		assertThat(registeredId).isEqualTo(2);
		assertThat(bytes[0]).isZero();
		assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(registeredId);
		assertThat(new byte[] { bytes[1], bytes[2], bytes[3], bytes[4] }).containsExactly(0, 0, 0, 2);

		BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null);
		GenericRecord plain = new GenericDatumReader<GenericRecord>(InvoiceCreated.getClassSchema()).read(null,
				decoder);
		assertThat(decoder.isEnd()).isTrue();
		assertThat(plain.get("invoiceId")).hasToString(event.getInvoiceId());
		assertThat(plain.get("eventId")).hasToString(event.getEventId());
		assertThat(plain.get("amountMinor")).isEqualTo(123_456L);
		assertThat(plain.get("occurredAt")).isEqualTo(event.getOccurredAt().toEpochMilli());
		assertThat(plain.get("issueDate")).isEqualTo((int) event.getIssueDate().toEpochDay());
		assertThat(plain.get("status")).hasToString("PENDING");
		assertThat(plain.get("paidAt")).isNull();
	}

	@Test
	void readsItsOwnBytesBackAsTheGeneratedClass() {
		SchemaRegistryClient registry = MockSchemaRegistry.forScope(this.scope);
		KafkaAvroSerializer serializer = new KafkaAvroSerializer(registry,
				Map.of(AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, TopicRecordNameStrategy.class.getName()));
		KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer(registry,
				Map.of(AvroSerdeConfig.SPECIFIC_AVRO_READER, "true"));

		for (var event : InvoiceEvents.everyTypeWithAndWithoutPaidAt(UUID.randomUUID().toString())) {
			assertThat(deserializer.deserialize("invoice-events", serializer.serialize("invoice-events", event)))
				.isEqualTo(event);
		}
	}

	@Test
	void readsTheGeneratedClassesWithoutTheAvroTrustedPackagesProperty() {
		// the serde trusts its own generated package; no JVM flag needed
		assertThat(System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES")).isNull();
		SchemaRegistryClient registry = MockSchemaRegistry.forScope(this.scope);
		InvoiceCreated event = InvoiceEvents.created("inv-3", 9);
		byte[] bytes = new KafkaAvroSerializer(registry, Map.of()).serialize("t", event);

		Object read = new KafkaAvroDeserializer(registry, Map.of(AvroSerdeConfig.SPECIFIC_AVRO_READER, "true"))
			.deserialize("t", bytes);

		assertThat(read).isInstanceOf(InvoiceCreated.class).isEqualTo(event);
	}

	@Test
	void readsGenericRecordsWithoutSpecificReader() {
		SchemaRegistryClient registry = MockSchemaRegistry.forScope(this.scope);
		byte[] bytes = new KafkaAvroSerializer(registry, Map.of()).serialize("t", InvoiceEvents.created("inv-1", 5));

		Object read = new KafkaAvroDeserializer(registry, Map.of()).deserialize("t", bytes);

		assertThat(read).isInstanceOf(GenericRecord.class).isNotInstanceOf(InvoiceCreated.class);
		assertThat(((GenericRecord) read).get("invoiceId")).hasToString("inv-1");
	}

	@Test
	void mockUrlsWithTheSameScopeShareOneRegistry() {
		Map<String, String> config = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + this.scope,
				AvroSerdeConfig.SPECIFIC_AVRO_READER, "true");
		KafkaAvroSerializer serializer = new KafkaAvroSerializer();
		serializer.configure(config, false);
		KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
		deserializer.configure(config, false);
		InvoiceCreated event = InvoiceEvents.created("inv-2", 7);

		assertThat(deserializer.deserialize("t", serializer.serialize("t", event))).isEqualTo(event);
		assertThat(MockSchemaRegistry.forScope(this.scope).latestVersion("t-value").schema())
			.isEqualTo(InvoiceCreated.getClassSchema());
	}

	@Test
	void rejectsAnIncompatibleSchemaUnderTheSameSubject() {
		SchemaRegistryClient registry = MockSchemaRegistry.forScope(this.scope);
		KafkaAvroSerializer serializer = new KafkaAvroSerializer(registry, Map.of());
		serializer.serialize("t", 1L);

		org.assertj.core.api.Assertions.assertThatThrownBy(() -> serializer.serialize("t", "text"))
			.isInstanceOf(io.tally.events.registry.IncompatibleSchemaException.class)
			.hasMessageContaining("t-value");
	}

	@Test
	void nullStaysNull() {
		SchemaRegistryClient registry = MockSchemaRegistry.forScope(this.scope);
		assertThat(new KafkaAvroSerializer(registry, Map.of()).serialize("t", null)).isNull();
		assertThat(new KafkaAvroDeserializer(registry, Map.of()).deserialize("t", null)).isNull();
	}

	@Test
	void writesPrimitivesToo() {
		SchemaRegistryClient registry = MockSchemaRegistry.forScope(this.scope);
		KafkaAvroSerializer serializer = new KafkaAvroSerializer(registry, Map.of());
		KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer(registry, Map.of());

		assertThat(deserializer.deserialize("p", serializer.serialize("p", 42L))).isEqualTo(42L);
		assertThat(deserializer.deserialize("r", serializer.serialize("r", new byte[] { 1, 2 })))
			.isEqualTo(java.nio.ByteBuffer.wrap(new byte[] { 1, 2 }));
		assertThat(deserializer.deserialize("p", serializer.serialize("q", "text"))).hasToString("text");
	}

}
