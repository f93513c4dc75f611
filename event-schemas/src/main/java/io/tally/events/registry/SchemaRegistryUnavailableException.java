package io.tally.events.registry;

/**
 * The schema registry could not be reached, timed out, answered with a server error (5xx)
 * or asked to slow down (429) after the client's own retries, or refused access
 * ({@link SchemaRegistryAccessDeniedException}); retrying later may succeed.
 */
public class SchemaRegistryUnavailableException extends SchemaRegistryException {

	public SchemaRegistryUnavailableException(String message) {
		super(message);
	}

	public SchemaRegistryUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
