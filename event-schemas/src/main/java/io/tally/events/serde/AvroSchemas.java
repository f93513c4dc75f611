package io.tally.events.serde;

import java.nio.ByteBuffer;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The Avro schema of a value handed to the serializer: a record's own schema, or a
 * primitive's.
 */
final class AvroSchemas {

	private static final Schema STRING = Schema.create(Schema.Type.STRING);

	private static final Schema INT = Schema.create(Schema.Type.INT);

	private static final Schema LONG = Schema.create(Schema.Type.LONG);

	private static final Schema FLOAT = Schema.create(Schema.Type.FLOAT);

	private static final Schema DOUBLE = Schema.create(Schema.Type.DOUBLE);

	private static final Schema BOOLEAN = Schema.create(Schema.Type.BOOLEAN);

	private static final Schema BYTES = Schema.create(Schema.Type.BYTES);

	private AvroSchemas() {
	}

	static Schema of(Object value, String topic) {
		if (value instanceof GenericContainer container) {
			return container.getSchema();
		}
		if (value instanceof CharSequence) {
			return STRING;
		}
		if (value instanceof Integer) {
			return INT;
		}
		if (value instanceof Long) {
			return LONG;
		}
		if (value instanceof Float) {
			return FLOAT;
		}
		if (value instanceof Double) {
			return DOUBLE;
		}
		if (value instanceof Boolean) {
			return BOOLEAN;
		}
		if (value instanceof byte[] || value instanceof ByteBuffer) {
			return BYTES;
		}
		throw new SerializationException("Cannot serialize a " + value.getClass().getName() + " for topic " + topic
				+ ": expected an Avro record or a primitive");
	}

	/** What Avro's writers expect for the value ({@code byte[]} becomes a buffer). */
	static Object datum(Object value) {
		return (value instanceof byte[] bytes) ? ByteBuffer.wrap(bytes) : value;
	}

}
