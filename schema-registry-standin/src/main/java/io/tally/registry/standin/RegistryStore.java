package io.tally.registry.standin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.avro.Schema;

/**
 * The registry's state: global schema ids, versions per subject, compatibility levels.
 * Every method is atomic.
 */
final class RegistryStore {

	/** One version of a subject. */
	record Registered(String subject, int version, int id, Schema schema) {
	}

	private final Map<String, Integer> idsBySchemaText = new HashMap<>();

	private final Map<Integer, Schema> schemasById = new HashMap<>();

	private final Map<String, List<Integer>> idsBySubject = new TreeMap<>();

	private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();

	private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;

	synchronized int register(String subject, String schemaText) {
		Schema schema = parse(schemaText);
		String key = schema.toString();
		List<Integer> ids = this.idsBySubject.getOrDefault(subject, List.of());
		Integer known = this.idsBySchemaText.get(key);
		if (known != null && ids.contains(known)) {
			return known;
		}
		List<String> problems = levelOf(subject).problems(schema, schemasOf(subject));
		if (!problems.isEmpty()) {
			throw RegistryError
				.incompatible("Schema being registered is incompatible with an earlier schema for subject \"" + subject
						+ "\" under " + levelOf(subject) + ": " + problems);
		}
		int id = this.idsBySchemaText.computeIfAbsent(key, (text) -> this.schemasById.size() + 1);
		this.schemasById.putIfAbsent(id, schema);
		this.idsBySubject.computeIfAbsent(subject, (s) -> new ArrayList<>()).add(id);
		return id;
	}

	synchronized Registered lookup(String subject, String schemaText) {
		List<Integer> ids = requireSubject(subject);
		Schema schema = parse(schemaText);
		Integer id = this.idsBySchemaText.get(schema.toString());
		int index = (id == null) ? -1 : ids.indexOf(id);
		if (index < 0) {
			throw RegistryError.notFound(RegistryError.SCHEMA_NOT_FOUND,
					"Schema not found under subject \"" + subject + "\"");
		}
		return new Registered(subject, index + 1, id, this.schemasById.get(id));
	}

	synchronized Schema schemaById(int id) {
		Schema schema = this.schemasById.get(id);
		if (schema == null) {
			throw RegistryError.notFound(RegistryError.SCHEMA_NOT_FOUND, "Schema " + id + " not found");
		}
		return schema;
	}

	synchronized Registered version(String subject, String versionText) {
		List<Integer> ids = requireSubject(subject);
		int version = parseVersion(versionText, ids.size());
		if (version < 1 || version > ids.size()) {
			throw RegistryError.notFound(RegistryError.VERSION_NOT_FOUND,
					"Version " + versionText + " not found for subject \"" + subject + "\"");
		}
		int id = ids.get(version - 1);
		return new Registered(subject, version, id, this.schemasById.get(id));
	}

	synchronized List<String> subjects() {
		return List.copyOf(this.idsBySubject.keySet());
	}

	synchronized List<Integer> versions(String subject) {
		List<Integer> ids = requireSubject(subject);
		List<Integer> versions = new ArrayList<>();
		for (int v = 1; v <= ids.size(); v++) {
			versions.add(v);
		}
		return versions;
	}

	synchronized List<Integer> deleteSubject(String subject) {
		List<Integer> versions = versions(subject);
		this.idsBySubject.remove(subject);
		this.subjectLevels.remove(subject);
		return versions;
	}

	/** Subject/version pairs that use the schema id. */
	synchronized List<Map<String, Object>> usesOf(int id) {
		schemaById(id);
		List<Map<String, Object>> uses = new ArrayList<>();
		this.idsBySubject.forEach((subject, ids) -> {
			for (int i = 0; i < ids.size(); i++) {
				if (ids.get(i) == id) {
					Map<String, Object> use = new LinkedHashMap<>();
					use.put("subject", subject);
					use.put("version", i + 1);
					uses.add(use);
				}
			}
		});
		return uses;
	}

	/**
	 * Problems of the candidate against one version, or (null version) against what the
	 * subject's level demands.
	 */
	synchronized List<String> compatibilityProblems(String subject, String versionText, String schemaText) {
		Schema candidate = parse(schemaText);
		if (versionText == null) {
			return levelOf(subject).problems(candidate, schemasOf(subject));
		}
		if ("latest".equals(versionText)) {
			requireSubject(subject);
			return levelOf(subject).problems(candidate, schemasOf(subject));
		}
		Registered against = version(subject, versionText);
		return levelOf(subject).problems(candidate, List.of(against.schema()));
	}

	synchronized CompatibilityLevel globalLevel() {
		return this.globalLevel;
	}

	synchronized void globalLevel(CompatibilityLevel level) {
		this.globalLevel = level;
	}

	synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
		return Optional.ofNullable(this.subjectLevels.get(subject));
	}

	synchronized void subjectLevel(String subject, CompatibilityLevel level) {
		this.subjectLevels.put(subject, level);
	}

	synchronized Optional<CompatibilityLevel> clearSubjectLevel(String subject) {
		return Optional.ofNullable(this.subjectLevels.remove(subject));
	}

	private CompatibilityLevel levelOf(String subject) {
		return this.subjectLevels.getOrDefault(subject, this.globalLevel);
	}

	private List<Schema> schemasOf(String subject) {
		return this.idsBySubject.getOrDefault(subject, List.of()).stream().map(this.schemasById::get).toList();
	}

	private List<Integer> requireSubject(String subject) {
		List<Integer> ids = this.idsBySubject.get(subject);
		if (ids == null) {
			throw RegistryError.notFound(RegistryError.SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
		}
		return ids;
	}

	private static int parseVersion(String text, int latest) {
		if ("latest".equals(text)) {
			return latest;
		}
		try {
			int version = Integer.parseInt(text);
			return (version == -1) ? latest : version;
		}
		catch (NumberFormatException ex) {
			throw RegistryError.unprocessable(RegistryError.INVALID_VERSION,
					"The specified version '" + text + "' is not a valid version id. "
							+ "Allowed values are between [1, 2^31-1] and the string \"latest\"");
		}
	}

	private static Schema parse(String text) {
		if (text == null || text.isBlank()) {
			throw RegistryError.unprocessable(RegistryError.INVALID_SCHEMA, "Empty schema");
		}
		try {
			return new Schema.Parser().parse(text);
		}
		catch (RuntimeException ex) {
			throw RegistryError.unprocessable(RegistryError.INVALID_SCHEMA, "Invalid schema: " + ex.getMessage());
		}
	}

}
