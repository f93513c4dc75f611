package io.tally.events.serde;

import java.io.EOFException;
import java.io.IOException;
import java.util.Map;

import io.tally.events.registry.SchemaNotFoundException;
import io.tally.events.registry.SchemaRegistryAccessDeniedException;
import io.tally.events.registry.SchemaRegistryClient;
import io.tally.events.registry.SchemaRegistryUnavailableException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-wire-format Avro payloads, fetching each writer schema from the
 * registry once. Returns generated classes when {@code specific.avro.reader=true} (read
 * through the class's schema, so older consumers read newer compatible data), else
 * GenericRecord. Thread-safe once configured.
 */
public class KafkaAvroDeserializer extends AvroSerde<KafkaAvroDeserializer.Configured> implements Deserializer<Object> {

	static {
		TrustedClasses.trustGeneratedClasses();
	}

	/**
	 * For Kafka: the registry comes from {@code schema.registry.url} in
	 * {@link #configure}.
	 */
	public KafkaAvroDeserializer() {
		this(null);
	}

	/** With a given registry client; {@link #configure} still sets the other options. */
	public KafkaAvroDeserializer(SchemaRegistryClient client) {
		super(client, Configured::new);
	}

	/** With a given registry client, configured as a value deserializer. */
	public KafkaAvroDeserializer(SchemaRegistryClient client, Map<String, ?> config) {
		this(client);
		configure(config, false);
	}

	@Override
	public Object deserialize(String topic, byte[] data) {
		return deserialize(topic, data, null);
	}

	/**
	 * Reads the payload resolving its writer schema to the given reader schema (null: the
	 * generated class's schema with a specific reader, else the writer schema).
	 */
	public Object deserialize(String topic, byte[] data, Schema readerSchema) {
		if (data == null) {
			return null;
		}
		Configured state = state(topic);
		if (data.length > 0 && data[0] != WireFormat.MAGIC_BYTE) {
			throw new UnknownMagicByteException(topic, data[0]);
		}
		if (data.length < WireFormat.HEADER_LENGTH) {
			throw new TruncatedPayloadException("Payload of " + data.length + " bytes in a record of topic " + topic
					+ " is shorter than the 5-byte wire-format header");
		}
		int schemaId = WireFormat.readSchemaId(data);
		Schema writerSchema = state.schemas.get(schemaId, (id) -> fetch(state.client, topic, id));
		DatumReader<Object> reader = state.readers.get(new ReaderKey(schemaId, readerSchema),
				(key) -> newReader(state.settings, topic, writerSchema, key));
		try {
			return reader.read(null, DecoderFactory.get()
				.binaryDecoder(data, WireFormat.HEADER_LENGTH, data.length - WireFormat.HEADER_LENGTH, null));
		}
		catch (EOFException ex) {
			throw new TruncatedPayloadException("Avro body of a record of topic " + topic + " (schema id " + schemaId
					+ ") ends early: " + (data.length - WireFormat.HEADER_LENGTH) + " bytes", ex);
		}
		catch (IOException | RuntimeException ex) {
			throw new SerializationException(
					"Cannot decode a record of topic " + topic + " with schema id " + schemaId + ": " + ex, ex);
		}
	}

	private static Schema fetch(SchemaRegistryClient client, String topic, int id) {
		try {
			return client.schemaById(id);
		}
		catch (SchemaNotFoundException ex) {
			throw new UnknownSchemaIdException(topic, id, ex);
		}
		catch (SchemaRegistryAccessDeniedException ex) {
			throw new SchemaRegistryAccessDeniedException(
					"Cannot fetch schema id " + id + " for a record of topic " + topic + ": " + ex.getMessage(), ex);
		}
		catch (SchemaRegistryUnavailableException ex) {
			throw new SchemaRegistryUnavailableException(
					"Cannot fetch schema id " + id + " for a record of topic " + topic + ": " + ex.getMessage(), ex);
		}
	}

	private static DatumReader<Object> newReader(SerdeSettings settings, String topic, Schema writer, ReaderKey key) {
		Schema named = (key.readerSchema() != null) ? key.readerSchema() : writer;
		if (settings.specificReader() && named.getType() == Schema.Type.RECORD) {
			Class<?> generated;
			try {
				generated = SpecificData.get().getClass(named);
			}
			catch (SecurityException ex) {
				throw new SerializationException("Avro refuses to load " + named.getFullName() + " for topic " + topic
						+ " (schema id " + key.schemaId() + "): only " + TrustedClasses.GENERATED_PACKAGE
						+ " is trusted; add other packages to the system property org.apache.avro.SERIALIZABLE_PACKAGES",
						ex);
			}
			if (generated == null) {
				throw new SerializationException("No generated class for " + named.getFullName() + " (topic " + topic
						+ ", schema id " + key.schemaId() + "): is it on the classpath?");
			}
			SpecificData model = SpecificData.getForClass(generated);
			Schema reader = (key.readerSchema() != null) ? key.readerSchema() : model.getSchema(generated);
			return new SpecificDatumReader<>(writer, reader, model);
		}
		return new GenericDatumReader<>(writer, named, GenericData.get());
	}

	private record ReaderKey(int schemaId, Schema readerSchema) {
	}

	/** Everything {@link #configure} decided, swapped in as one unit. */
	static final class Configured {

		final SerdeSettings settings;

		final SchemaRegistryClient client;

		final BoundedCache<Integer, Schema> schemas;

		final BoundedCache<ReaderKey, DatumReader<Object>> readers;

		Configured(SerdeSettings settings, SchemaRegistryClient client) {
			this.settings = settings;
			this.client = client;
			this.schemas = new BoundedCache<>(settings.cacheCapacity());
			this.readers = new BoundedCache<>(settings.cacheCapacity());
		}

	}

}
