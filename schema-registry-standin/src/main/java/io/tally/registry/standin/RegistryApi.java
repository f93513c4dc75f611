package io.tally.registry.standin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maps Confluent's REST routes onto the {@link RegistryStore}, answering in Confluent's
 * JSON shapes (errors as {@code {error_code, message}}) and counting requests per route.
 */
final class RegistryApi implements HttpHandler {

	private static final Logger log = LoggerFactory.getLogger(RegistryApi.class);

	private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RegistryStore store;

	private final Map<String, LongAdder> requestsByRoute = new ConcurrentHashMap<>();

	/** Accepted {@code Authorization} header values; empty: no authentication. */
	private volatile Set<String> acceptedAuthorizations = Set.of();

	RegistryApi(RegistryStore store) {
		this.store = store;
	}

	/** Requires HTTP basic auth as one of these users (user → password); empty: none. */
	void requireBasicAuth(Map<String, String> passwordsByUser) {
		this.acceptedAuthorizations = passwordsByUser.entrySet()
			.stream()
			.map((user) -> "Basic " + Base64.getEncoder()
				.encodeToString((user.getKey() + ":" + user.getValue()).getBytes(StandardCharsets.UTF_8)))
			.collect(Collectors.toUnmodifiableSet());
	}

	long requestCount(String route) {
		LongAdder count = this.requestsByRoute.get(route);
		return (count != null) ? count.sum() : 0;
	}

	long requestCount() {
		return this.requestsByRoute.values().stream().mapToLong(LongAdder::sum).sum();
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			Request request = Request.of(exchange);
			Object answer;
			int status = 200;
			try {
				authenticate(exchange);
				answer = route(request);
			}
			catch (RegistryError ex) {
				status = ex.status();
				answer = error(ex.errorCode(), ex.getMessage());
			}
			catch (RuntimeException ex) {
				log.warn("Stand-in failed on {} {}", request.method(), request.path(), ex);
				status = 500;
				answer = error(50001, "Error in the backend data store: " + ex);
			}
			byte[] body = (answer instanceof RawJson raw) ? raw.text().getBytes(StandardCharsets.UTF_8)
					: JSON.writeValueAsBytes(answer);
			if (status == 401) {
				exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"schema-registry\"");
			}
			exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
			exchange.sendResponseHeaders(status, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	private void authenticate(HttpExchange exchange) {
		Set<String> accepted = this.acceptedAuthorizations;
		if (accepted.isEmpty()) {
			return;
		}
		String given = exchange.getRequestHeaders().getFirst("Authorization");
		boolean known = false;
		for (String authorization : accepted) {
			// compares every accepted value, in constant time each
			known |= given != null && MessageDigest.isEqual(authorization.getBytes(StandardCharsets.UTF_8),
					given.getBytes(StandardCharsets.UTF_8));
		}
		if (!known) {
			this.requestsByRoute.computeIfAbsent("unauthorized", (r) -> new LongAdder()).increment();
			throw RegistryError.unauthorized();
		}
	}

	private Object route(Request request) {
		List<String> p = request.segments();
		String m = request.method();
		String first = p.isEmpty() ? "" : p.get(0);
		switch (first) {
			case "" -> {
				return count(request, "GET /", Map.of());
			}
			case "subjects" -> {
				return subjects(request, p, m);
			}
			case "schemas" -> {
				return schemas(request, p);
			}
			case "compatibility" -> {
				if (m.equals("POST") && p.size() >= 4 && p.size() <= 5 && p.get(1).equals("subjects")
						&& p.get(3).equals("versions")) {
					count(request,
							"POST /compatibility/subjects/{subject}/versions" + ((p.size() == 5) ? "/{version}" : ""),
							null);
					List<String> problems = this.store.compatibilityProblems(p.get(2),
							(p.size() == 5) ? p.get(4) : null, schemaText(request));
					Map<String, Object> answer = new LinkedHashMap<>();
					answer.put("is_compatible", problems.isEmpty());
					if ("true".equals(request.query().get("verbose"))) {
						answer.put("messages", problems);
					}
					return answer;
				}
			}
			case "config" -> {
				return config(request, p, m);
			}
			case "mode" -> {
				if (m.equals("GET") && p.size() == 1) {
					return count(request, "GET /mode", Map.of("mode", "READWRITE"));
				}
			}
			default -> {
			}
		}
		throw noRoute(request);
	}

	private Object subjects(Request request, List<String> p, String m) {
		if (p.size() == 1 && m.equals("GET")) {
			return count(request, "GET /subjects", this.store.subjects());
		}
		if (p.size() == 2 && m.equals("POST")) {
			count(request, "POST /subjects/{subject}", null);
			return registered(this.store.lookup(p.get(1), schemaText(request)));
		}
		if (p.size() == 2 && m.equals("DELETE")) {
			return count(request, "DELETE /subjects/{subject}", this.store.deleteSubject(p.get(1)));
		}
		if (p.size() == 3 && p.get(2).equals("versions") && m.equals("GET")) {
			return count(request, "GET /subjects/{subject}/versions", this.store.versions(p.get(1)));
		}
		if (p.size() == 3 && p.get(2).equals("versions") && m.equals("POST")) {
			count(request, "POST /subjects/{subject}/versions", null);
			return Map.of("id", this.store.register(p.get(1), schemaText(request)));
		}
		if (p.size() == 4 && p.get(2).equals("versions") && m.equals("GET")) {
			count(request, "GET /subjects/{subject}/versions/{version}", null);
			return registered(this.store.version(p.get(1), p.get(3)));
		}
		if (p.size() == 5 && p.get(2).equals("versions") && p.get(4).equals("schema") && m.equals("GET")) {
			count(request, "GET /subjects/{subject}/versions/{version}/schema", null);
			return new RawJson(this.store.version(p.get(1), p.get(3)).schema().toString());
		}
		throw noRoute(request);
	}

	private Object schemas(Request request, List<String> p) {
		if (!request.method().equals("GET")) {
			throw noRoute(request);
		}
		if (p.size() == 2 && p.get(1).equals("types")) {
			return count(request, "GET /schemas/types", List.of("AVRO"));
		}
		if (p.size() >= 3 && p.size() <= 4 && p.get(1).equals("ids")) {
			int id = schemaId(p.get(2));
			String tail = (p.size() == 4) ? p.get(3) : "";
			switch (tail) {
				case "" -> {
					count(request, "GET /schemas/ids/{id}", null);
					return Map.of("schema", this.store.schemaById(id).toString());
				}
				case "schema" -> {
					count(request, "GET /schemas/ids/{id}/schema", null);
					return new RawJson(this.store.schemaById(id).toString());
				}
				case "versions" -> {
					return count(request, "GET /schemas/ids/{id}/versions", this.store.usesOf(id));
				}
				case "subjects" -> {
					count(request, "GET /schemas/ids/{id}/subjects", null);
					return this.store.usesOf(id).stream().map((use) -> use.get("subject")).distinct().toList();
				}
				default -> {
				}
			}
		}
		throw noRoute(request);
	}

	private Object config(Request request, List<String> p, String m) {
		if (p.size() == 1 && m.equals("GET")) {
			return count(request, "GET /config", Map.of("compatibilityLevel", this.store.globalLevel().name()));
		}
		if (p.size() == 1 && m.equals("PUT")) {
			count(request, "PUT /config", null);
			CompatibilityLevel level = compatibilityIn(request);
			this.store.globalLevel(level);
			return Map.of("compatibility", level.name());
		}
		if (p.size() == 2) {
			String subject = p.get(1);
			switch (m) {
				case "GET" -> {
					count(request, "GET /config/{subject}", null);
					CompatibilityLevel level = this.store.subjectLevel(subject)
						.or(() -> "true".equals(request.query().get("defaultToGlobal"))
								? java.util.Optional.of(this.store.globalLevel()) : java.util.Optional.empty())
						.orElseThrow(() -> RegistryError.notFound(RegistryError.SUBJECT_COMPATIBILITY_NOT_CONFIGURED,
								"Subject '" + subject + "' does not have subject-level compatibility configured"));
					return Map.of("compatibilityLevel", level.name());
				}
				case "PUT" -> {
					count(request, "PUT /config/{subject}", null);
					CompatibilityLevel level = compatibilityIn(request);
					this.store.subjectLevel(subject, level);
					return Map.of("compatibility", level.name());
				}
				case "DELETE" -> {
					count(request, "DELETE /config/{subject}", null);
					CompatibilityLevel previous = this.store.clearSubjectLevel(subject)
						.orElseThrow(() -> RegistryError.notFound(RegistryError.SUBJECT_NOT_FOUND,
								"Subject '" + subject + "' not found."));
					return Map.of("compatibilityLevel", previous.name());
				}
				default -> {
				}
			}
		}
		throw noRoute(request);
	}

	private <T> T count(Request request, String route, T answer) {
		this.requestsByRoute.computeIfAbsent(route, (r) -> new LongAdder()).increment();
		return answer;
	}

	private RegistryError noRoute(Request request) {
		this.requestsByRoute.computeIfAbsent("unknown", (r) -> new LongAdder()).increment();
		return RegistryError.noRoute(request.method(), request.path());
	}

	private static Map<String, Object> registered(RegistryStore.Registered registered) {
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("subject", registered.subject());
		answer.put("version", registered.version());
		answer.put("id", registered.id());
		answer.put("schema", registered.schema().toString());
		return answer;
	}

	private static Map<String, Object> error(int code, String message) {
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("error_code", code);
		answer.put("message", message);
		return answer;
	}

	private static String schemaText(Request request) {
		JsonNode body = request.json();
		JsonNode schemaType = body.path("schemaType");
		String type = schemaType.isString() ? schemaType.asString() : "AVRO";
		if (!type.equals("AVRO")) {
			throw RegistryError.unprocessable(RegistryError.INVALID_SCHEMA,
					"Only AVRO schemas are supported by this stand-in, not " + type);
		}
		if (body.path("references").size() > 0) {
			throw RegistryError.unprocessable(RegistryError.INVALID_SCHEMA,
					"Schema references are not supported by this stand-in");
		}
		JsonNode schema = body.get("schema");
		if (schema == null || !schema.isString()) {
			throw RegistryError.unprocessable(RegistryError.INVALID_SCHEMA, "Request body has no \"schema\" string");
		}
		return schema.asString();
	}

	private static CompatibilityLevel compatibilityIn(Request request) {
		return CompatibilityLevel.parse(request.json().path("compatibility").asString(""));
	}

	private static int schemaId(String text) {
		try {
			return Integer.parseInt(text);
		}
		catch (NumberFormatException ex) {
			throw RegistryError.notFound(RegistryError.SCHEMA_NOT_FOUND, "Schema " + text + " not found");
		}
	}

	/** A JSON text to send as it is (a schema). */
	private record RawJson(String text) {
	}

	/** The parts of an exchange the routes look at. */
	private record Request(String method, String path, List<String> segments, Map<String, String> query, byte[] body) {

		static Request of(HttpExchange exchange) throws IOException {
			String rawPath = exchange.getRequestURI().getRawPath();
			List<String> segments = new ArrayList<>();
			for (String segment : rawPath.split("/")) {
				if (!segment.isEmpty()) {
					segments.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
				}
			}
			Map<String, String> query = new LinkedHashMap<>();
			String rawQuery = exchange.getRequestURI().getRawQuery();
			if (rawQuery != null) {
				Arrays.stream(rawQuery.split("&"))
					.map((pair) -> pair.split("=", 2))
					.forEach((kv) -> query.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
							(kv.length > 1) ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : ""));
			}
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			return new Request(exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT), rawPath,
					List.copyOf(segments), query, body);
		}

		JsonNode json() {
			try {
				return JSON.readTree(this.body);
			}
			catch (JacksonException ex) {
				throw RegistryError.badRequest("Request body is not JSON: " + ex.getOriginalMessage());
			}
		}

	}

}
