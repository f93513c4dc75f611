package io.tally.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the in-memory schema-registry stand-in's schemas in the state directory, through
 * the registry's own REST API.
 *
 * <p>
 * Why: outbox rows and Kafka records carry schema ids. After a restart the stand-in must
 * hand out the same ids, so the saved schemas are registered again in id order (the
 * stand-in numbers new schemas sequentially).
 */
final class RegistrySnapshot {

	private static final Logger log = LoggerFactory.getLogger(RegistrySnapshot.class);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String url;

	private final Path file;

	private String lastSaved;

	RegistrySnapshot(String url, Path stateDirectory) {
		this.url = url;
		this.file = stateDirectory.resolve("schema-registry.json");
	}

	/** One registered schema version. */
	record Entry(String subject, int version, int id, String schema) {
	}

	/**
	 * Writes the registry's subjects, versions, ids and the global compatibility level
	 * (only when changed).
	 */
	void save() throws IOException, InterruptedException {
		List<Entry> entries = new ArrayList<>();
		for (JsonNode subject : get("/subjects")) {
			String name = subject.asString();
			for (JsonNode version : get("/subjects/" + encode(name) + "/versions")) {
				JsonNode registered = get("/subjects/" + encode(name) + "/versions/" + version.asInt());
				entries.add(new Entry(name, registered.path("version").asInt(), registered.path("id").asInt(),
						registered.path("schema").asString()));
			}
		}
		String level = get("/config").path("compatibilityLevel").asString("BACKWARD");
		String text = json.writeValueAsString(Map.of("compatibilityLevel", level, "schemas", entries));
		if (text.equals(this.lastSaved)) {
			return;
		}
		Path temporary = this.file.resolveSibling(this.file.getFileName() + ".tmp");
		Files.writeString(temporary, text);
		Files.move(temporary, this.file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		this.lastSaved = text;
	}

	/**
	 * Registers the saved schemas again, in id order, and restores the compatibility
	 * level.
	 */
	void restore() throws IOException, InterruptedException {
		if (!Files.exists(this.file)) {
			return;
		}
		JsonNode saved = json.readTree(Files.readString(this.file));
		List<Entry> entries = new ArrayList<>();
		for (JsonNode entry : saved.path("schemas")) {
			entries.add(new Entry(entry.path("subject").asString(), entry.path("version").asInt(),
					entry.path("id").asInt(), entry.path("schema").asString()));
		}
		entries.sort(Comparator.comparingInt(Entry::id).thenComparing(Entry::subject).thenComparingInt(Entry::version));
		// history was accepted once; replay it without compatibility checks
		send("PUT", "/config", Map.of("compatibility", "NONE"));
		int mismatches = 0;
		for (Entry entry : entries) {
			JsonNode answer = send("POST", "/subjects/" + encode(entry.subject()) + "/versions",
					Map.of("schema", entry.schema()));
			if (answer.path("id").asInt() != entry.id()) {
				mismatches++;
			}
		}
		send("PUT", "/config", Map.of("compatibility", saved.path("compatibilityLevel").asString("BACKWARD")));
		if (mismatches > 0) {
			log.warn("{} restored schemas got other ids than before; old records may not deserialize", mismatches);
		}
		log.info("Restored {} schema versions into the registry stand-in", entries.size());
	}

	private JsonNode get(String path) throws IOException, InterruptedException {
		return answer(HttpRequest.newBuilder(URI.create(this.url + path)).GET(), path);
	}

	private JsonNode send(String method, String path, Object body) throws IOException, InterruptedException {
		return answer(HttpRequest.newBuilder(URI.create(this.url + path))
			.header("Content-Type", "application/vnd.schemaregistry.v1+json")
			.method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))), path);
	}

	private JsonNode answer(HttpRequest.Builder request, String path) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(request.timeout(Duration.ofSeconds(5)).build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IOException(
					"Schema registry answered " + response.statusCode() + " on " + path + ": " + response.body());
		}
		return json.readTree(response.body());
	}

	private static String encode(String subject) {
		return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
