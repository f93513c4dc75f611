package io.tally.events.serde;

/**
 * Confluent's framing: magic byte 0, the schema id as a 4-byte big-endian int, then the
 * Avro binary body.
 */
final class WireFormat {

	static final byte MAGIC_BYTE = 0;

	static final int HEADER_LENGTH = 5;

	private WireFormat() {
	}

	static void writeHeader(byte[] target, int schemaId) {
		target[0] = MAGIC_BYTE;
		target[1] = (byte) (schemaId >>> 24);
		target[2] = (byte) (schemaId >>> 16);
		target[3] = (byte) (schemaId >>> 8);
		target[4] = (byte) schemaId;
	}

	static int readSchemaId(byte[] payload) {
		return ((payload[1] & 0xff) << 24) | ((payload[2] & 0xff) << 16) | ((payload[3] & 0xff) << 8)
				| (payload[4] & 0xff);
	}

}
