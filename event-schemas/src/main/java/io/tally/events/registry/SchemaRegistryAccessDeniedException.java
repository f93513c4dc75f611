package io.tally.events.registry;

/**
 * The registry refused the client's credentials (HTTP 401) or denied it the subject
 * (403): a configuration error, reported at once and never retried by the client. It is
 * still a {@link SchemaRegistryUnavailableException} to callers: the event or change at
 * hand is valid, and fixing the credentials or the registry's ACLs makes the same call
 * succeed, so nothing may be dead-lettered or lost for it.
 */
public class SchemaRegistryAccessDeniedException extends SchemaRegistryUnavailableException {

	public SchemaRegistryAccessDeniedException(String message) {
		super(message);
	}

	public SchemaRegistryAccessDeniedException(String message, Throwable cause) {
		super(message, cause);
	}

}
