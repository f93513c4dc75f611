package io.tally.events.serde;

import io.tally.events.registry.SchemaRegistryUnavailableException;

/**
 * A write from the cache only ({@link KafkaAvroSerializer#serializePrepared}) met a
 * schema whose registration has not succeeded yet, usually because the registry is
 * unreachable; transient like an outage: once the schema is registered the same write
 * succeeds.
 */
public class SchemaNotYetRegisteredException extends SchemaRegistryUnavailableException {

	public SchemaNotYetRegisteredException(String message) {
		super(message);
	}

}
