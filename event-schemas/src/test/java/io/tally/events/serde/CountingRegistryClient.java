package io.tally.events.serde;

import java.util.concurrent.atomic.AtomicInteger;

import io.tally.events.registry.RegisteredSchema;
import io.tally.events.registry.SchemaRegistryClient;
import org.apache.avro.Schema;

/**
 * Counts the calls that reach a registry client.
 */
class CountingRegistryClient implements SchemaRegistryClient {

	final AtomicInteger registrations = new AtomicInteger();

	final AtomicInteger lookups = new AtomicInteger();

	final AtomicInteger fetchesById = new AtomicInteger();

	final AtomicInteger latestFetches = new AtomicInteger();

	private final SchemaRegistryClient delegate;

	CountingRegistryClient(SchemaRegistryClient delegate) {
		this.delegate = delegate;
	}

	@Override
	public int register(String subject, Schema schema) {
		this.registrations.incrementAndGet();
		return this.delegate.register(subject, schema);
	}

	@Override
	public int idOf(String subject, Schema schema) {
		this.lookups.incrementAndGet();
		return this.delegate.idOf(subject, schema);
	}

	@Override
	public Schema schemaById(int id) {
		this.fetchesById.incrementAndGet();
		return this.delegate.schemaById(id);
	}

	@Override
	public RegisteredSchema latestVersion(String subject) {
		this.latestFetches.incrementAndGet();
		return this.delegate.latestVersion(subject);
	}

	@Override
	public boolean isCompatible(String subject, Schema schema) {
		return this.delegate.isCompatible(subject, schema);
	}

}
