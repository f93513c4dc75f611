package io.tally.events.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

import io.tally.events.registry.IncompatibleSchemaException;
import io.tally.events.registry.RegisteredSchema;
import io.tally.events.registry.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro records (generated or generic) and primitives in Confluent's wire format,
 * registering or looking up their schemas in a schema registry once per schema.
 * Thread-safe once configured.
 */
public class KafkaAvroSerializer extends AvroSerde<KafkaAvroSerializer.Configured> implements Serializer<Object> {

	/**
	 * For Kafka: the registry comes from {@code schema.registry.url} in
	 * {@link #configure}.
	 */
	public KafkaAvroSerializer() {
		this(null);
	}

	/** With a given registry client; {@link #configure} still sets the other options. */
	public KafkaAvroSerializer(SchemaRegistryClient client) {
		super(client, Configured::new);
	}

	/** With a given registry client, configured as a value serializer. */
	public KafkaAvroSerializer(SchemaRegistryClient client, Map<String, ?> config) {
		this(client);
		configure(config, false);
	}

	@Override
	public byte[] serialize(String topic, Object data) {
		if (data == null) {
			return null;
		}
		Configured state = state(topic);
		Schema schema = AvroSchemas.of(data, topic);
		SubjectSchema key = state.key(topic, schema);
		return write(state, topic, data, schema, key.subject(), state.plans.get(key, state::plan));
	}

	/**
	 * Registers the schema for records of the topic (or, without
	 * {@code auto.register.schemas}, looks it up; with {@code use.latest.version},
	 * fetches the latest version) and caches the outcome, so that
	 * {@link #serializePrepared} needs no registry for records of this schema.
	 * @return the schema id the payloads will carry
	 * @throws io.tally.events.registry.SchemaRegistryException when the registry fails
	 */
	public int prepare(String topic, Schema schema) {
		Configured state = state(topic);
		return state.plans.get(state.key(topic, schema), state::plan).schemaId();
	}

	/**
	 * Serializes like {@link #serialize} but from the cache only: it never calls the
	 * registry, so it can run where waiting for one must not happen (inside a database
	 * transaction).
	 * @throws SchemaNotYetRegisteredException when the record's schema was not
	 * {@linkplain #prepare prepared} (successfully) before
	 */
	public byte[] serializePrepared(String topic, Object data) {
		if (data == null) {
			return null;
		}
		Configured state = state(topic);
		Schema schema = AvroSchemas.of(data, topic);
		SubjectSchema key = state.key(topic, schema);
		WritePlan plan = state.plans.getIfLoaded(key);
		if (plan == null) {
			throw new SchemaNotYetRegisteredException("Schema " + schema.getFullName() + " (subject " + key.subject()
					+ ") has not been registered yet, so records of it cannot be written to topic " + topic);
		}
		return write(state, topic, data, schema, key.subject(), plan);
	}

	private static byte[] write(Configured state, String topic, Object data, Schema schema, String subject,
			WritePlan plan) {
		Object datum = AvroSchemas.datum(data);
		try {
			if (plan.convert()) {
				datum = convert(datum, schema, plan.writerSchema());
			}
			return encode(state, plan, datum, (data instanceof SpecificRecord) ? data.getClass() : null);
		}
		catch (IOException | RuntimeException ex) {
			throw new SerializationException("Cannot serialize " + schema.getFullName() + " for topic " + topic
					+ " (subject " + subject + ", schema id " + plan.schemaId() + "): " + ex.getMessage(), ex);
		}
	}

	private static byte[] encode(Configured state, WritePlan plan, Object datum, Class<?> generated)
			throws IOException {
		DatumWriter<Object> writer = state.writers
			.get(new WriterKey(plan.writerSchema(), plan.convert() ? null : generated), KafkaAvroSerializer::newWriter);
		ByteArrayOutputStream out = new ByteArrayOutputStream(128);
		byte[] header = new byte[WireFormat.HEADER_LENGTH];
		WireFormat.writeHeader(header, plan.schemaId());
		out.write(header);
		BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
		writer.write(datum, encoder);
		encoder.flush();
		return out.toByteArray();
	}

	// the generated class's own model (with its logical-type conversions), found from the
	// class itself: writing needs no trusted-package lookup by name
	private static DatumWriter<Object> newWriter(WriterKey key) {
		if (key.generated() != null) {
			return new SpecificDatumWriter<>(key.schema(), SpecificData.getForClass(key.generated()));
		}
		return new GenericDatumWriter<>(key.schema(), GenericData.get());
	}

	// use.latest.version with a different (compatible) schema: re-shape the datum by Avro
	// schema resolution, so the bytes match the id in the header
	private static Object convert(Object datum, Schema own, Schema latest) throws IOException {
		DatumWriter<Object> ownWriter = (datum instanceof SpecificRecord)
				? new SpecificDatumWriter<>(own, SpecificData.getForClass(datum.getClass()))
				: new GenericDatumWriter<>(own, GenericData.get());
		ByteArrayOutputStream out = new ByteArrayOutputStream(128);
		BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
		ownWriter.write(datum, encoder);
		return new GenericDatumReader<>(own, latest, GenericData.get()).read(null,
				DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
	}

	private record SubjectSchema(String subject, Schema schema) {
	}

	/** Generic when {@code generated} is null. */
	private record WriterKey(Schema schema, Class<?> generated) {
	}

	/**
	 * The schema id to put in the header, the schema to write with, and whether to
	 * re-shape.
	 */
	private record WritePlan(int schemaId, Schema writerSchema, boolean convert) {
	}

	/** Everything {@link #configure} decided, swapped in as one unit. */
	static final class Configured {

		final SerdeSettings settings;

		final SchemaRegistryClient client;

		final BoundedCache<SubjectSchema, WritePlan> plans;

		final BoundedCache<WriterKey, DatumWriter<Object>> writers;

		Configured(SerdeSettings settings, SchemaRegistryClient client) {
			this.settings = settings;
			this.client = client;
			this.plans = new BoundedCache<>(settings.cacheCapacity());
			this.writers = new BoundedCache<>(settings.cacheCapacity());
		}

		SubjectSchema key(String topic, Schema schema) {
			return new SubjectSchema(
					this.settings.subjectNameStrategy().subjectName(topic, this.settings.isKey(), schema), schema);
		}

		WritePlan plan(SubjectSchema key) {
			if (this.settings.useLatestVersion()) {
				return planForLatest(key);
			}
			int id = this.settings.autoRegister() ? this.client.register(key.subject(), key.schema())
					: this.client.idOf(key.subject(), key.schema());
			return new WritePlan(id, key.schema(), false);
		}

		private WritePlan planForLatest(SubjectSchema key) {
			RegisteredSchema latest = this.client.latestVersion(key.subject());
			Schema own = key.schema();
			if (SchemaNormalization.toParsingForm(latest.schema()).equals(SchemaNormalization.toParsingForm(own))) {
				// same binary encoding: write the record as it is
				return new WritePlan(latest.id(), own, false);
			}
			SchemaCompatibility.SchemaPairCompatibility check = SchemaCompatibility
				.checkReaderWriterCompatibility(latest.schema(), own);
			if (check.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
				throw new IncompatibleSchemaException(
						"Latest version " + latest.version() + " (id " + latest.id() + ") of subject " + key.subject()
								+ " cannot read " + own.getFullName() + ": " + check.getDescription());
			}
			return new WritePlan(latest.id(), latest.schema(), true);
		}

	}

}
