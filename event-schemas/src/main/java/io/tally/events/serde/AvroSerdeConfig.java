package io.tally.events.serde;

import io.tally.events.registry.SchemaRegistryClients;

/**
 * The config keys the serde reads (Confluent's names); registry connection keys are in
 * {@link SchemaRegistryClients}.
 */
public final class AvroSerdeConfig {

	/** Registry URL(s), or {@code mock://scope}. */
	public static final String SCHEMA_REGISTRY_URL = SchemaRegistryClients.URL;

	/**
	 * Register unknown schemas on first use (default true); false looks them up instead.
	 */
	public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";

	/**
	 * Write with the subject's latest registered version instead of the record's own
	 * schema.
	 */
	public static final String USE_LATEST_VERSION = "use.latest.version";

	/** Subject name strategy for keys (default {@link TopicNameStrategy}). */
	public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";

	/** Subject name strategy for values (default {@link TopicNameStrategy}). */
	public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";

	/**
	 * True: the deserializer returns generated SpecificRecord classes; else
	 * GenericRecord.
	 */
	public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";

	/** Capacity of each schema cache (default 1000). */
	public static final String MAX_SCHEMAS_PER_SUBJECT = "max.schemas.per.subject";

	private AvroSerdeConfig() {
	}

}
