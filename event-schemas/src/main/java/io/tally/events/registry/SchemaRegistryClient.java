package io.tally.events.registry;

import org.apache.avro.Schema;

/**
 * A client of a Confluent-API-compatible schema registry (HTTP or the in-memory
 * {@code mock://} registry).
 *
 * <p>
 * Implementations call the registry on every invocation; callers cache. Every failure is
 * a {@link SchemaRegistryException}.
 */
public interface SchemaRegistryClient {

	/**
	 * Registers the schema under the subject (or finds it already registered).
	 * @return the schema's global id
	 * @throws IncompatibleSchemaException when the subject's compatibility level rejects
	 * it
	 */
	int register(String subject, Schema schema);

	/**
	 * Looks up the id of a schema already registered under the subject.
	 * @throws SchemaNotFoundException when the subject or the schema is unknown
	 */
	int idOf(String subject, Schema schema);

	/**
	 * Fetches a schema by its global id.
	 * @throws SchemaNotFoundException when no schema has that id
	 */
	Schema schemaById(int id);

	/**
	 * Fetches the latest version registered under the subject.
	 * @throws SchemaNotFoundException when the subject is unknown
	 */
	RegisteredSchema latestVersion(String subject);

	/**
	 * Asks whether the schema is compatible with the subject's latest version under the
	 * subject's compatibility level; true for an unknown subject.
	 */
	boolean isCompatible(String subject, Schema schema);

}
