package io.tally.events.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * An in-process registry behind {@code mock://} URLs: global ids, versions per subject,
 * BACKWARD compatibility against the latest version (Confluent's default level).
 */
final class InMemorySchemaRegistry implements SchemaRegistryClient {

	private final Map<String, Integer> idsBySchemaText = new HashMap<>();

	private final Map<Integer, Schema> schemasById = new HashMap<>();

	private final Map<String, List<Integer>> versionsBySubject = new HashMap<>();

	@Override
	public synchronized int register(String subject, Schema schema) {
		List<Integer> versions = this.versionsBySubject.computeIfAbsent(subject, (s) -> new ArrayList<>());
		Integer known = this.idsBySchemaText.get(schema.toString());
		if (known != null && versions.contains(known)) {
			return known;
		}
		if (!isCompatible(subject, schema)) {
			throw new IncompatibleSchemaException("Schema " + schema.getFullName()
					+ " is incompatible with the latest version of subject " + subject);
		}
		int id = this.idsBySchemaText.computeIfAbsent(schema.toString(), (text) -> this.schemasById.size() + 1);
		this.schemasById.putIfAbsent(id, schema);
		versions.add(id);
		return id;
	}

	@Override
	public synchronized int idOf(String subject, Schema schema) {
		List<Integer> versions = this.versionsBySubject.get(subject);
		if (versions == null) {
			throw new SchemaNotFoundException(SchemaNotFoundException.SUBJECT_NOT_FOUND,
					"Subject " + subject + " not found");
		}
		Integer id = this.idsBySchemaText.get(schema.toString());
		if (id == null || !versions.contains(id)) {
			throw new SchemaNotFoundException(SchemaNotFoundException.SCHEMA_NOT_FOUND,
					"Schema " + schema.getFullName() + " is not registered under subject " + subject);
		}
		return id;
	}

	@Override
	public synchronized Schema schemaById(int id) {
		Schema schema = this.schemasById.get(id);
		if (schema == null) {
			throw new SchemaNotFoundException(SchemaNotFoundException.SCHEMA_NOT_FOUND,
					"Schema id " + id + " not found");
		}
		return schema;
	}

	@Override
	public synchronized RegisteredSchema latestVersion(String subject) {
		List<Integer> versions = this.versionsBySubject.get(subject);
		if (versions == null || versions.isEmpty()) {
			throw new SchemaNotFoundException(SchemaNotFoundException.SUBJECT_NOT_FOUND,
					"Subject " + subject + " not found");
		}
		int id = versions.get(versions.size() - 1);
		return new RegisteredSchema(subject, id, versions.size(), this.schemasById.get(id));
	}

	@Override
	public synchronized boolean isCompatible(String subject, Schema schema) {
		List<Integer> versions = this.versionsBySubject.get(subject);
		if (versions == null || versions.isEmpty()) {
			return true;
		}
		Schema latest = this.schemasById.get(versions.get(versions.size() - 1));
		return SchemaCompatibility.checkReaderWriterCompatibility(schema, latest)
			.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
	}

}
