package io.tally.events.registry;

/**
 * The registry knows no such subject, version or schema id (HTTP 404).
 */
public class SchemaNotFoundException extends SchemaRegistryException {

	/** Confluent's code for an unknown subject. */
	public static final int SUBJECT_NOT_FOUND = 40401;

	/** Confluent's code for an unknown version of a subject. */
	public static final int VERSION_NOT_FOUND = 40402;

	/** Confluent's code for an unknown schema (id, or schema not under the subject). */
	public static final int SCHEMA_NOT_FOUND = 40403;

	private final int errorCode;

	public SchemaNotFoundException(int errorCode, String message) {
		super(message);
		this.errorCode = errorCode;
	}

	/** Confluent's error code, e.g. {@link #SUBJECT_NOT_FOUND}. */
	public int errorCode() {
		return this.errorCode;
	}

}
