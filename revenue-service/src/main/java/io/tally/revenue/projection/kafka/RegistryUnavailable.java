package io.tally.revenue.projection.kafka;

/**
 * A record could not be deserialized because the schema registry was unreachable: unlike
 * other deserialization failures this is transient, so the record is retried (it is
 * deserialized afresh on redelivery) before it is dead-lettered.
 */
class RegistryUnavailable extends RuntimeException {

	RegistryUnavailable(String message, Throwable registryFailure) {
		super(message, registryFailure);
	}

}
