package io.tally.events.serde;

import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import io.tally.events.registry.MockSchemaRegistry;
import io.tally.events.registry.SchemaRegistryClient;
import io.tally.events.testing.InvoiceEvents;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MalformedPayloadTest {

	private static final String TOPIC = "invoice-events";

	private final String scope = "malformed-" + UUID.randomUUID();

	private final SchemaRegistryClient registry = MockSchemaRegistry.forScope(this.scope);

	private final KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer(this.registry,
			Map.of(AvroSerdeConfig.SPECIFIC_AVRO_READER, true));

	@AfterEach
	void dropRegistry() {
		MockSchemaRegistry.dropScope(this.scope);
	}

	@Test
	void rejectsPayloadWithoutMagicByte() {
		byte[] json = "{\"invoiceId\":\"x\"}".getBytes();

		assertThatThrownBy(() -> this.deserializer.deserialize(TOPIC, json))
			.isInstanceOf(UnknownMagicByteException.class)
			.hasMessageContaining(TOPIC)
			.hasMessageContaining("magic byte 123");
	}

	@Test
	void rejectsPayloadShorterThanTheHeader() {
		assertThatThrownBy(() -> this.deserializer.deserialize(TOPIC, new byte[] { 0, 0, 1 }))
			.isInstanceOf(TruncatedPayloadException.class)
			.hasMessageContaining(TOPIC)
			.hasMessageContaining("3 bytes");
		assertThatThrownBy(() -> this.deserializer.deserialize(TOPIC, new byte[0]))
			.isInstanceOf(TruncatedPayloadException.class)
			.hasMessageContaining(TOPIC);
	}

	@Test
	void rejectsUnknownSchemaId() {
		byte[] payload = { 0, 0, 0, 0x27, 0x0f, 2, 4 };

		assertThatThrownBy(() -> this.deserializer.deserialize(TOPIC, payload))
			.isInstanceOf(UnknownSchemaIdException.class)
			.hasMessageContaining(TOPIC)
			.hasMessageContaining("9999")
			.satisfies((ex) -> org.assertj.core.api.Assertions.assertThat(((UnknownSchemaIdException) ex).schemaId())
				.isEqualTo(9999));
	}

	@Test
	void rejectsTruncatedAvroBody() {
		byte[] whole = new KafkaAvroSerializer(this.registry, Map.of()).serialize(TOPIC,
				InvoiceEvents.created(UUID.randomUUID().toString(), 99));
		int id = this.registry.idOf(TOPIC + "-value", io.tally.events.InvoiceCreated.getClassSchema());

		for (int length : new int[] { 5, 6, 20, whole.length - 1 }) {
			byte[] cut = Arrays.copyOf(whole, length);
			assertThatThrownBy(() -> this.deserializer.deserialize(TOPIC, cut)).as("payload cut to %d bytes", length)
				.isInstanceOf(TruncatedPayloadException.class)
				.hasMessageContaining(TOPIC)
				.hasMessageContaining("schema id " + id);
		}
	}

	@Test
	void specificReaderNamesARecordWithoutGeneratedClass() {
		org.apache.avro.Schema foreign = org.apache.avro.SchemaBuilder.record("Unknown")
			.namespace("elsewhere")
			.fields()
			.requiredString("a")
			.endRecord();
		byte[] bytes = new KafkaAvroSerializer(this.registry, Map.of()).serialize("other",
				new org.apache.avro.generic.GenericRecordBuilder(foreign).set("a", "x").build());

		assertThatThrownBy(() -> this.deserializer.deserialize("other", bytes))
			.isExactlyInstanceOf(SerializationException.class)
			.hasMessageContaining("elsewhere.Unknown")
			.hasMessageContaining("topic other");
	}

	@Test
	void refusesUseBeforeConfigure() {
		assertThatThrownBy(() -> new KafkaAvroDeserializer().deserialize(TOPIC, new byte[] { 0, 0, 0, 0, 1 }))
			.isInstanceOf(SerializationException.class)
			.hasMessageContaining("configure");
		assertThatThrownBy(() -> new KafkaAvroSerializer().serialize(TOPIC, "x"))
			.isInstanceOf(SerializationException.class)
			.hasMessageContaining("configure");
	}

	@Test
	void reportsInvalidRecordWithoutNullPointerException() {
		var invalid = new io.tally.events.InvoiceCreated();

		assertThatThrownBy(() -> new KafkaAvroSerializer(this.registry, Map.of()).serialize(TOPIC, invalid))
			.isExactlyInstanceOf(SerializationException.class)
			.hasMessageContaining(TOPIC)
			.hasMessageContaining("InvoiceCreated");
	}

}
