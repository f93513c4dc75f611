package io.tally.events.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A payload does not start with the wire format's magic byte 0: it was not written by a
 * Confluent-wire-format serializer.
 */
public class UnknownMagicByteException extends SerializationException {

	public UnknownMagicByteException(String topic, byte found) {
		super("Unknown magic byte " + found + " (expected 0) in a record of topic " + topic
				+ ": not Confluent wire format");
	}

}
