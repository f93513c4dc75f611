package io.tally.events.serde;

import java.util.Map;
import java.util.UUID;

import io.tally.events.InvoiceCreated;
import io.tally.events.invoice.InvoiceEventData;
import io.tally.events.invoice.InvoiceEventType;
import io.tally.events.registry.IncompatibleSchemaException;
import io.tally.events.registry.MockSchemaRegistry;
import io.tally.events.registry.RegisteredSchema;
import io.tally.events.registry.SchemaRegistryClient;
import io.tally.events.registry.SchemaRegistryClients;
import io.tally.events.testing.InvoiceEvents;
import io.tally.events.testing.ReleasedSchemas;
import io.tally.registry.standin.SchemaRegistryStandIn;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaEvolutionTest {

	private static final String TOPIC = "evolving";

	private static final Schema OLD = SchemaBuilder.record("Invoice")
		.namespace("test.evolution")
		.fields()
		.requiredString("id")
		.requiredLong("amount")
		.endRecord();

	private static final Schema NEW_WITH_DEFAULT = SchemaBuilder.record("Invoice")
		.namespace("test.evolution")
		.fields()
		.requiredString("id")
		.requiredLong("amount")
		.name("note")
		.type()
		.stringType()
		.stringDefault("none")
		.endRecord();

	private static final Schema NEW_WITHOUT_DEFAULT = SchemaBuilder.record("Invoice")
		.namespace("test.evolution")
		.fields()
		.requiredString("id")
		.requiredLong("amount")
		.requiredString("currency")
		.endRecord();

	private final SchemaRegistryStandIn standIn = SchemaRegistryStandIn.start(0);

	private final SchemaRegistryClient registry = SchemaRegistryClients
		.fromConfig(Map.of(SchemaRegistryClients.URL, this.standIn.url()));

	private final String scope = "evolution-" + UUID.randomUUID();

	@AfterEach
	void stop() {
		this.standIn.close();
		MockSchemaRegistry.dropScope(this.scope);
	}

	@Test
	void oldConsumerReadsRecordsWrittenWithANewerCompatibleSchema() {
		KafkaAvroSerializer serializer = new KafkaAvroSerializer(this.registry, Map.of());
		serializer.serialize(TOPIC, new GenericRecordBuilder(OLD).set("id", "a").set("amount", 1L).build());
		byte[] newer = serializer.serialize(TOPIC,
				new GenericRecordBuilder(NEW_WITH_DEFAULT).set("id", "b").set("amount", 2L).set("note", "hi").build());

		GenericRecord read = (GenericRecord) new KafkaAvroDeserializer(this.registry, Map.of()).deserialize(TOPIC,
				newer, OLD);

		assertThat(read.getSchema()).isEqualTo(OLD);
		assertThat(read.get("id")).hasToString("b");
		assertThat(read.get("amount")).isEqualTo(2L);
		assertThat(this.registry.latestVersion(TOPIC + "-value").version()).isEqualTo(2);
	}

	@Test
	void newConsumerReadsOldRecordsFillingDefaults() {
		byte[] older = new KafkaAvroSerializer(this.registry, Map.of()).serialize(TOPIC,
				new GenericRecordBuilder(OLD).set("id", "a").set("amount", 1L).build());

		GenericRecord read = (GenericRecord) new KafkaAvroDeserializer(this.registry, Map.of()).deserialize(TOPIC,
				older, NEW_WITH_DEFAULT);

		assertThat(read.get("note")).hasToString("none");
	}

	@Test
	void theGeneratedClassesReadEveryEventTypeAsReleaseOneWroteIt() {
		Map<String, Object> config = Map.of(AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY,
				TopicRecordNameStrategy.class.getName(), AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
		KafkaAvroSerializer v1Producer = new KafkaAvroSerializer(this.registry, config);
		KafkaAvroSerializer v2Producer = new KafkaAvroSerializer(this.registry, config);
		KafkaAvroDeserializer consumer = new KafkaAvroDeserializer(this.registry, config);
		for (SpecificRecord event : InvoiceEvents.everyTypeWithAndWithoutPaidAt(UUID.randomUUID().toString())) {
			InvoiceEventData data = InvoiceEventData.from(event);
			InvoiceEventType type = InvoiceEventType.of(event).orElseThrow();
			GenericRecord v1 = ReleasedSchemas.asReleased(event, 1);
			assertThat(v1.getSchema().getField("changedBy")).isNull();

			Object read = consumer.deserialize(TOPIC, v1Producer.serialize(TOPIC, v1));
			assertThat(read).isInstanceOf(type.recordClass());
			assertThat(InvoiceEventData.from((SpecificRecord) read)).isEqualTo(data);

			InvoiceEventData withActor = new InvoiceEventData(data.eventId(), data.occurredAt(), data.invoiceId(),
					data.invoiceVersion(), data.customerId(), data.amountMinor(), data.currency(), data.status(),
					data.issueDate(), data.paidAt(), "tally-cli");
			Object readV2 = consumer.deserialize(TOPIC, v2Producer.serialize(TOPIC, withActor.toRecord(type)));
			assertThat(InvoiceEventData.from((SpecificRecord) readV2)).isEqualTo(withActor);
			String subject = TOPIC + "-" + type.schema().getFullName();
			assertThat(this.registry.schemaById(this.registry.idOf(subject, ReleasedSchemas.schema(type, 1))))
				.isEqualTo(ReleasedSchemas.schema(type, 1));
			RegisteredSchema latest = this.registry.latestVersion(subject);
			assertThat(latest.version()).as("v1, then v2 under %s", subject).isEqualTo(2);
			assertThat(SchemaNormalization.parsingFingerprint64(latest.schema()))
				.isEqualTo(SchemaNormalization.parsingFingerprint64(ReleasedSchemas.schema(type, 2)));
		}
	}

	@Test
	void registryRejectsAnIncompatibleSchemaWith409() {
		KafkaAvroSerializer serializer = new KafkaAvroSerializer(this.registry, Map.of());
		serializer.serialize(TOPIC, new GenericRecordBuilder(OLD).set("id", "a").set("amount", 1L).build());
		GenericData.Record breaking = new GenericRecordBuilder(NEW_WITHOUT_DEFAULT).set("id", "b")
			.set("amount", 2L)
			.set("currency", "EUR")
			.build();

		assertThatThrownBy(() -> serializer.serialize(TOPIC, breaking)).isInstanceOf(IncompatibleSchemaException.class)
			.hasMessageContaining("409")
			.hasMessageContaining("subject " + TOPIC + "-value");
		assertThat(this.registry.latestVersion(TOPIC + "-value").version()).isEqualTo(1);
		assertThat(this.registry.isCompatible(TOPIC + "-value", NEW_WITHOUT_DEFAULT)).isFalse();
		assertThat(this.registry.isCompatible(TOPIC + "-value", NEW_WITH_DEFAULT)).isTrue();
	}

	@Test
	void generatedClassReadsANewerVersionOfItsOwnSchema() {
		Schema current = InvoiceCreated.getClassSchema();
		Schema newer = withExtraOptionalField(current);
		InvoiceCreated expected = InvoiceEvents.created(UUID.randomUUID().toString(), 42);
		GenericRecordBuilder builder = new GenericRecordBuilder(newer);
		for (Schema.Field field : current.getFields()) {
			builder.set(field.name(), GenericData.get().deepCopy(field.schema(), rawValue(expected, field)));
		}
		builder.set("dueInDays", 30);
		byte[] bytes = new KafkaAvroSerializer(this.registry, Map.of()).serialize(TOPIC, builder.build());

		Object read = new KafkaAvroDeserializer(this.registry, Map.of(AvroSerdeConfig.SPECIFIC_AVRO_READER, true))
			.deserialize(TOPIC, bytes);

		assertThat(read).isEqualTo(expected);
	}

	@Test
	void useLatestVersionWritesWithTheSubjectsLatestSchema() {
		SchemaRegistryClient mock = MockSchemaRegistry.forScope(this.scope);
		mock.register(TOPIC + "-value", OLD);
		int latestId = mock.register(TOPIC + "-value", NEW_WITH_DEFAULT);
		KafkaAvroSerializer serializer = new KafkaAvroSerializer(mock,
				Map.of(AvroSerdeConfig.USE_LATEST_VERSION, true, AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false));

		byte[] bytes = serializer.serialize(TOPIC,
				new GenericRecordBuilder(OLD).set("id", "a").set("amount", 1L).build());

		assertThat(java.nio.ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(latestId);
		GenericRecord read = (GenericRecord) new KafkaAvroDeserializer(mock, Map.of()).deserialize(TOPIC, bytes);
		assertThat(read.getSchema()).isEqualTo(NEW_WITH_DEFAULT);
		assertThat(read.get("note")).hasToString("none");
	}

	@Test
	void useLatestVersionRefusesALatestSchemaThatCannotReadTheRecord() {
		SchemaRegistryClient mock = MockSchemaRegistry.forScope(this.scope);
		mock.register(TOPIC + "-value", OLD);
		KafkaAvroSerializer serializer = new KafkaAvroSerializer(mock,
				Map.of(AvroSerdeConfig.USE_LATEST_VERSION, true, AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false));
		Schema unrelated = SchemaBuilder.record("Invoice")
			.namespace("test.evolution")
			.fields()
			.requiredInt("id")
			.endRecord();

		assertThatThrownBy(() -> serializer.serialize(TOPIC, new GenericRecordBuilder(unrelated).set("id", 1).build()))
			.isInstanceOf(IncompatibleSchemaException.class)
			.hasMessageContaining("subject " + TOPIC + "-value");
	}

	private static Object rawValue(InvoiceCreated event, Schema.Field field) {
		// the generic writer has no logical-type conversions: hand it the underlying
		// longs/ints
		Object value = event.get(field.pos());
		if (value instanceof java.time.Instant instant) {
			return instant.toEpochMilli();
		}
		if (value instanceof java.time.LocalDate date) {
			return (int) date.toEpochDay();
		}
		if (value instanceof Enum<?> symbol) {
			return new GenericData.EnumSymbol(field.schema(), symbol.name());
		}
		return value;
	}

	private static Schema withExtraOptionalField(Schema schema) {
		String json = schema.toString();
		String extra = ",{\"name\":\"dueInDays\",\"type\":\"int\",\"default\":14}]}";
		return new Schema.Parser().parse(json.substring(0, json.length() - 2) + extra);
	}

}
