package io.tally.events.registry;

/**
 * The schema registry refused this client's credentials (401) or their rights (403). It
 * says nothing about the data: like an outage it lasts until someone fixes the
 * configuration, so callers treat it as unavailability (retry, 503), never as a bad
 * record.
 */
public class SchemaRegistryAccessDeniedException extends SchemaRegistryUnavailableException {

	private final int status;

	public SchemaRegistryAccessDeniedException(int status, String message) {
		super(message);
		this.status = status;
	}

	/** The HTTP status the registry answered: 401 or 403. */
	public int status() {
		return this.status;
	}

}
