package io.tally.events.registry;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Speaks Confluent's Schema Registry REST API over {@link HttpClient}; no caching here.
 */
final class HttpSchemaRegistryClient implements SchemaRegistryClient {

	static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RegistryConnection connection;

	private final HttpClient http;

	HttpSchemaRegistryClient(RegistryConnection connection) {
		this.connection = connection;
		this.http = HttpClient.newBuilder().connectTimeout(connection.connectTimeout()).build();
	}

	@Override
	public int register(String subject, Schema schema) {
		String what = "registering schema " + schema.getFullName() + " under subject " + subject;
		return send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema), what).path("id").asInt();
	}

	@Override
	public int idOf(String subject, Schema schema) {
		String what = "looking up schema " + schema.getFullName() + " under subject " + subject;
		return send("POST", "/subjects/" + encode(subject), schemaBody(schema), what).path("id").asInt();
	}

	@Override
	public Schema schemaById(int id) {
		JsonNode answer = send("GET", "/schemas/ids/" + id, null, "fetching schema id " + id);
		return parse(answer.path("schema").asString(), "schema id " + id);
	}

	@Override
	public RegisteredSchema latestVersion(String subject) {
		JsonNode answer = send("GET", "/subjects/" + encode(subject) + "/versions/latest", null,
				"fetching the latest version of subject " + subject);
		return new RegisteredSchema(subject, answer.path("id").asInt(), answer.path("version").asInt(),
				parse(answer.path("schema").asString(), "latest version of subject " + subject));
	}

	@Override
	public boolean isCompatible(String subject, Schema schema) {
		String what = "checking compatibility of " + schema.getFullName() + " with subject " + subject;
		try {
			return send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest", schemaBody(schema),
					what)
				.path("is_compatible")
				.asBoolean();
		}
		catch (SchemaNotFoundException ex) {
			// nothing registered yet: any schema may become the first version
			return true;
		}
	}

	/**
	 * Sends the request to each registry URL in turn until one answers; a round in which
	 * a registry answered 408, 429 or 5xx is repeated after a back-off, a bounded number
	 * of times.
	 */
	private JsonNode send(String method, String path, String body, String what) {
		for (int retry = 0;; retry++) {
			SchemaRegistryUnavailableException failure = null;
			boolean retryable = false;
			for (URI base : this.connection.baseUrls()) {
				URI uri = URI.create(stripSlash(base.toString()) + path);
				try {
					HttpResponse<String> response = this.http.send(request(method, uri, body),
							HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
					if (!isTransient(response.statusCode())) {
						return answer(response, base, what);
					}
					retryable = true;
					failure = new SchemaRegistryUnavailableException("Schema registry at " + base + " answered "
							+ response.statusCode() + " while " + what + ": " + errorMessage(response.body())
							+ ((retry > 0) ? " (after " + retry + " retries)" : ""));
				}
				catch (IOException ex) {
					failure = new SchemaRegistryUnavailableException(
							"Schema registry at " + base + " unreachable while " + what + ": " + ex, ex);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new SchemaRegistryUnavailableException("Interrupted while " + what, ex);
				}
			}
			// an unreachable or silent registry is not retried here: the caller's own
			// retries (start-up registration, the consumer's back-off) pace those
			if (!retryable || retry >= this.connection.retries()) {
				throw failure;
			}
			pause(this.connection.waitBefore(retry + 1), what);
		}
	}

	/** Request timeout, too many requests, server errors: worth asking again. */
	private static boolean isTransient(int status) {
		return status == 408 || status == 429 || status >= 500;
	}

	private static void pause(Duration wait, String what) {
		try {
			Thread.sleep(wait.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SchemaRegistryUnavailableException("Interrupted while " + what, ex);
		}
	}

	private HttpRequest request(String method, URI uri, String body) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
			.timeout(this.connection.requestTimeout())
			.header("Accept", CONTENT_TYPE + ", application/json");
		this.connection.authorizationHeader().ifPresent((value) -> builder.header("Authorization", value));
		if (body == null) {
			return builder.GET().build();
		}
		return builder.header("Content-Type", CONTENT_TYPE)
			.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build();
	}

	private JsonNode answer(HttpResponse<String> response, URI base, String what) {
		int status = response.statusCode();
		if (status >= 200 && status < 300) {
			try {
				return JSON.readTree(response.body());
			}
			catch (JacksonException ex) {
				throw new SchemaRegistryException("Schema registry sent unreadable JSON while " + what, ex);
			}
		}
		String detail = errorMessage(response.body());
		if (status == 401 || status == 403) {
			// the same registry behind every URL: another one would refuse too
			throw accessDenied(base, response, what);
		}
		if (status == 409) {
			throw new IncompatibleSchemaException(
					"Schema registry rejected an incompatible schema while " + what + " (409): " + detail);
		}
		if (status == 404) {
			throw new SchemaNotFoundException(errorCode(response.body()),
					"Schema registry found nothing while " + what + " (404): " + detail);
		}
		throw new SchemaRegistryException("Schema registry answered " + status + " while " + what + ": " + detail);
	}

	private SchemaRegistryAccessDeniedException accessDenied(URI base, HttpResponse<String> response, String what) {
		int status = response.statusCode();
		String who = this.connection.userInfo()
			.map((info) -> ((status == 401) ? "rejected the credentials of user '" : "denied user '") + user(info)
					+ "'")
			.orElse("refused a request without credentials");
		return new SchemaRegistryAccessDeniedException(status,
				"Schema registry at " + base + " " + who + " (" + status + ") while " + what + "; check "
						+ SchemaRegistryClients.BASIC_AUTH_CREDENTIALS_SOURCE + " and "
						+ SchemaRegistryClients.BASIC_AUTH_USER_INFO);
	}

	// the user name only: the password never goes into a message
	private static String user(String userInfo) {
		int colon = userInfo.indexOf(':');
		return (colon >= 0) ? userInfo.substring(0, colon) : userInfo;
	}

	private static String schemaBody(Schema schema) {
		return JSON.createObjectNode().put("schema", schema.toString()).toString();
	}

	private static Schema parse(String text, String what) {
		try {
			return new Schema.Parser().parse(text);
		}
		catch (SchemaParseException ex) {
			throw new SchemaRegistryException("Schema registry sent an unparsable Avro schema for " + what, ex);
		}
	}

	private static String errorMessage(String body) {
		try {
			JsonNode node = JSON.readTree(body);
			return node.path("error_code").asInt() + " " + node.path("message").asString();
		}
		catch (JacksonException ex) {
			return body.length() > 200 ? body.substring(0, 200) : body;
		}
	}

	private static int errorCode(String body) {
		try {
			return JSON.readTree(body).path("error_code").asInt();
		}
		catch (JacksonException ex) {
			return 0;
		}
	}

	private static String encode(String subject) {
		return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static String stripSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

}
