package io.tally.events;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.tally.events.invoice.InvoiceEventHeaders;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The AsyncAPI document of the topic ({@code docs/asyncapi.yaml}) compared with what it
 * describes: the Avro sources of this module, the topic names and the headers the
 * producer sets. Reads the document as plain YAML and follows only its internal
 * {@code $ref}s; the Avro files a message references are resolved against the document's
 * folder.
 */
final class AsyncApiContract {

	static final Path DOCUMENT = Path.of("../docs/asyncapi.yaml");

	/**
	 * The topic invoice-service publishes to ({@code tally.outbox.topic}) and
	 * revenue-service reads; the services' configuration lives in modules this one cannot
	 * see, so the names are repeated here.
	 */
	static final String TOPIC = "invoice-events";

	/** revenue-service's {@code tally.projection.dead-letter-topic}. */
	static final String DEAD_LETTER_TOPIC = "invoice-events-dlt";

	/** The headers invoice-service's outbox relay sets on every record. */
	static final Set<String> PRODUCER_HEADERS = Set.of(InvoiceEventHeaders.EVENT_ID, InvoiceEventHeaders.EVENT_TYPE,
			InvoiceEventHeaders.INVOICE_VERSION);

	/** The headers it sets when tracing is on (a record may lack them). */
	static final Set<String> OPTIONAL_HEADERS = Set.of(InvoiceEventHeaders.TRACEPARENT, InvoiceEventHeaders.TRACESTATE);

	private static final String AVRO_FORMAT = "application/vnd.apache.avro";

	private AsyncApiContract() {
	}

	/** The document as nested, mutable maps and lists (a test may break a copy). */
	static Map<String, Object> load(Path file) {
		try (Reader reader = Files.newBufferedReader(file)) {
			return new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * What the document gets wrong about the topic and the given record files; empty when
	 * it describes them exactly.
	 * @param document the document as {@link #load} returns it
	 * @param directory the folder the document's file references are relative to
	 * @param recordFiles the .avsc files of the records published on the topic
	 */
	static List<String> violations(Map<String, Object> document, Path directory, List<Path> recordFiles) {
		List<String> violations = new ArrayList<>();
		Map<String, Object> topic = channel(document, TOPIC, violations);
		channel(document, DEAD_LETTER_TOPIC, violations);
		if (topic == null) {
			return violations;
		}
		Map<Path, String> messageByFile = new LinkedHashMap<>();
		Set<String> recordNames = new TreeSet<>();
		for (Path file : recordFiles) {
			recordNames.add(SchemaHistory.parseRecord(file).getName());
		}
		map(topic.get("messages")).forEach((key, reference) -> {
			Map<String, Object> message = map(resolve(document, reference));
			String name = String.valueOf(message.get("name"));
			Path file = checkPayload(name, map(message.get("payload")), directory, violations);
			if (file != null) {
				messageByFile.put(file, name);
			}
			checkHeaders(name, map(resolve(document, message.get("headers"))), recordNames, violations);
		});
		for (Path file : recordFiles) {
			if (!messageByFile.containsKey(normalized(file))) {
				violations.add("record file " + file + " has no message on channel " + TOPIC);
			}
		}
		return violations;
	}

	private static Map<String, Object> channel(Map<String, Object> document, String address, List<String> violations) {
		for (Object channel : map(document.get("channels")).values()) {
			if (address.equals(map(channel).get("address"))) {
				return map(channel);
			}
		}
		violations.add("no channel has the address " + address);
		return null;
	}

	/** The Avro file the message's payload references, if it exists. */
	private static Path checkPayload(String message, Map<String, Object> payload, Path directory,
			List<String> violations) {
		Object format = payload.get("schemaFormat");
		if (!(format instanceof String text) || !text.startsWith(AVRO_FORMAT)) {
			violations.add("message " + message + " does not declare an Avro payload (schemaFormat " + format + ")");
		}
		Object reference = map(payload.get("schema")).get("$ref");
		if (!(reference instanceof String path)) {
			violations.add("message " + message + " does not reference an .avsc file");
			return null;
		}
		Path file = normalized(directory.resolve(path));
		if (!Files.isRegularFile(file)) {
			violations.add("message " + message + " references a missing file " + path);
			return null;
		}
		try {
			Schema schema = SchemaHistory.parseRecord(file);
			if (!schema.getName().equals(message)) {
				violations.add("message " + message + " references the schema of " + schema.getFullName());
			}
		}
		catch (SchemaParseException ex) {
			violations.add("message " + message + " references " + path + ", not an Avro schema: " + ex.getMessage());
		}
		return file;
	}

	private static void checkHeaders(String message, Map<String, Object> headers, Set<String> recordNames,
			List<String> violations) {
		Map<String, Object> properties = map(headers.get("properties"));
		Set<String> declared = new TreeSet<>(properties.keySet());
		Set<String> required = new TreeSet<>(strings(headers.get("required")));
		Set<String> all = new TreeSet<>(PRODUCER_HEADERS);
		all.addAll(OPTIONAL_HEADERS);
		if (!declared.equals(all) || !required.equals(new TreeSet<>(PRODUCER_HEADERS))) {
			violations.add("message " + message + " declares headers " + declared + ", required " + required
					+ "; the producer sets exactly " + new TreeSet<>(PRODUCER_HEADERS) + ", and "
					+ new TreeSet<>(OPTIONAL_HEADERS) + " when tracing is on");
		}
		Object eventTypes = map(properties.get("eventType")).get("enum");
		if (eventTypes != null && !new TreeSet<>(strings(eventTypes)).equals(recordNames)) {
			violations.add("message " + message + " allows eventType " + new TreeSet<>(strings(eventTypes))
					+ ", but the records are " + recordNames);
		}
	}

	/** Follows an internal {@code $ref} ({@code #/a/b}); anything else as it is. */
	private static Object resolve(Map<String, Object> document, Object node) {
		Object reference = map(node).get("$ref");
		if (!(reference instanceof String pointer) || !pointer.startsWith("#/")) {
			return node;
		}
		Object current = document;
		for (String token : pointer.substring(2).split("/")) {
			current = map(current).get(token.replace("~1", "/").replace("~0", "~"));
		}
		return resolve(document, current);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object node) {
		return (node instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
	}

	private static List<String> strings(Object node) {
		return (node instanceof List<?> list) ? list.stream().map(String::valueOf).toList() : List.of();
	}

	private static Path normalized(Path path) {
		return path.toAbsolutePath().normalize();
	}

}
