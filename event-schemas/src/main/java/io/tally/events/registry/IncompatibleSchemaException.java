package io.tally.events.registry;

/**
 * The registry rejected a schema as incompatible with the subject's earlier versions
 * (HTTP 409).
 */
public class IncompatibleSchemaException extends SchemaRegistryException {

	public IncompatibleSchemaException(String message) {
		super(message);
	}

}
