package io.tally.events.registry;

/**
 * The schema registry refused this client's credentials (401) or their rights (403): a
 * configuration error, reported at once and never retried by the client. It says nothing
 * about the data: like an outage it lasts until someone fixes the configuration, so it is
 * a {@link SchemaRegistryUnavailableException} to callers (retry, 503), never a bad
 * record — nothing may be dead-lettered or lost for it.
 */
public class SchemaRegistryAccessDeniedException extends SchemaRegistryUnavailableException {

	private final int status;

	public SchemaRegistryAccessDeniedException(int status, String message) {
		super(message);
		this.status = status;
	}

	/** The same refusal, told in a caller's words. */
	public SchemaRegistryAccessDeniedException(String message, SchemaRegistryAccessDeniedException cause) {
		super(message, cause);
		this.status = cause.status();
	}

	/** The HTTP status the registry answered: 401 or 403. */
	public int status() {
		return this.status;
	}

}
