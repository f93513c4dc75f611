package io.tally.events.registry;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A schema registry refused or failed a request; the base of every registry error.
 */
public class SchemaRegistryException extends SerializationException {

	public SchemaRegistryException(String message) {
		super(message);
	}

	public SchemaRegistryException(String message, Throwable cause) {
		super(message, cause);
	}

}
