package io.tally.events.registry;

/**
 * The schema registry could not be reached, timed out or answered with a server error
 * (5xx); retrying later may succeed.
 */
public class SchemaRegistryUnavailableException extends SchemaRegistryException {

	public SchemaRegistryUnavailableException(String message) {
		super(message);
	}

	public SchemaRegistryUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
