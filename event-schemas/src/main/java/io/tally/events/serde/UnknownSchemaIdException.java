package io.tally.events.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A payload names a schema id the registry does not know.
 */
public class UnknownSchemaIdException extends SerializationException {

	private final int schemaId;

	public UnknownSchemaIdException(String topic, int schemaId, Throwable cause) {
		super("Unknown schema id " + schemaId + " in a record of topic " + topic, cause);
		this.schemaId = schemaId;
	}

	/** The id the payload named. */
	public int schemaId() {
		return this.schemaId;
	}

}
