package io.tally.events.registry;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.ConfigException;

/**
 * Builds a {@link SchemaRegistryClient} from Confluent's client config keys.
 */
public final class SchemaRegistryClients {

	/** Comma-separated registry URLs, or one {@code mock://scope}. */
	public static final String URL = "schema.registry.url";

	/**
	 * {@code USER_INFO} (use {@link #BASIC_AUTH_USER_INFO}) or {@code URL} (user info in
	 * the URL).
	 */
	public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";

	/** {@code user:password} for basic auth. */
	public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";

	/** Limit on opening a connection to the registry, in milliseconds (default 10000). */
	public static final String CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";

	/** Limit on one registry request, in milliseconds (default 30000). */
	public static final String REQUEST_TIMEOUT_MS = "http.read.timeout.ms";

	/**
	 * How often a request answered with 408, 429 or 5xx is retried (default 3; 0: never).
	 */
	public static final String MAX_RETRIES = "max.retries";

	/**
	 * Wait before the first retry, in milliseconds (default 200), doubled for each
	 * further one.
	 */
	public static final String RETRIES_WAIT_MS = "retries.wait.ms";

	/** Longest wait before a retry, in milliseconds (default 5000). */
	public static final String RETRIES_MAX_WAIT_MS = "retries.max.wait.ms";

	private static final String MOCK_PREFIX = "mock://";

	private SchemaRegistryClients() {
	}

	/**
	 * A client for the configured {@value #URL}; the same registry for the same mock
	 * scope.
	 */
	public static SchemaRegistryClient fromConfig(Map<String, ?> config) {
		Object url = config.get(URL);
		if (url == null || url.toString().isBlank()) {
			throw new ConfigException("Missing required configuration \"" + URL + "\"");
		}
		List<String> urls = Arrays.stream(url.toString().split(","))
			.map(String::trim)
			.filter((u) -> !u.isEmpty())
			.toList();
		if (urls.get(0).startsWith(MOCK_PREFIX)) {
			if (urls.size() > 1) {
				throw new ConfigException(URL, url, "a mock:// URL cannot be combined with others");
			}
			return MockSchemaRegistry.forScope(urls.get(0).substring(MOCK_PREFIX.length()));
		}
		List<URI> uris = urls.stream().map(SchemaRegistryClients::toUri).toList();
		Optional<String> userInfo = userInfo(config, uris.get(0));
		// credentials travel in the Authorization header, never in URLs (or error
		// messages)
		List<URI> plainUris = uris.stream().map(SchemaRegistryClients::withoutUserInfo).toList();
		return new HttpSchemaRegistryClient(new RegistryConnection(plainUris,
				millis(config, CONNECT_TIMEOUT_MS, 10_000), millis(config, REQUEST_TIMEOUT_MS, 30_000), userInfo,
				retries(config), millis(config, RETRIES_WAIT_MS, 200), millis(config, RETRIES_MAX_WAIT_MS, 5_000)));
	}

	// the value is not echoed: it may hold credentials
	private static URI toUri(String text) {
		try {
			URI uri = URI.create(text);
			if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
				return uri;
			}
		}
		catch (IllegalArgumentException ex) {
			// reported below
		}
		throw new ConfigException("Invalid " + URL + ": expected http://host:port, https://host:port or mock://scope");
	}

	private static URI withoutUserInfo(URI uri) {
		if (uri.getRawUserInfo() == null) {
			return uri;
		}
		return URI
			.create(uri.getScheme() + "://" + uri.getRawAuthority().substring(uri.getRawAuthority().indexOf('@') + 1)
					+ ((uri.getRawPath() != null) ? uri.getRawPath() : ""));
	}

	private static Optional<String> userInfo(Map<String, ?> config, URI firstUrl) {
		Object source = config.get(BASIC_AUTH_CREDENTIALS_SOURCE);
		if (source == null) {
			return Optional.empty();
		}
		return switch (source.toString()) {
			case "USER_INFO" -> Optional.ofNullable(config.get(BASIC_AUTH_USER_INFO))
				.map(Object::toString)
				.filter((info) -> !info.isBlank())
				.or(() -> {
					throw new ConfigException(BASIC_AUTH_USER_INFO, null,
							"required when " + BASIC_AUTH_CREDENTIALS_SOURCE + "=USER_INFO");
				});
			case "URL" -> Optional.ofNullable(firstUrl.getUserInfo());
			default -> throw new ConfigException(BASIC_AUTH_CREDENTIALS_SOURCE, source, "supported: USER_INFO, URL");
		};
	}

	private static int retries(Map<String, ?> config) {
		Object value = config.get(MAX_RETRIES);
		if (value == null) {
			return 3;
		}
		try {
			int retries = Integer.parseInt(value.toString().trim());
			if (retries >= 0) {
				return retries;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new ConfigException(MAX_RETRIES, value, "expected a number of retries, 0 or more");
	}

	private static Duration millis(Map<String, ?> config, String key, long defaultMillis) {
		Object value = config.get(key);
		if (value == null) {
			return Duration.ofMillis(defaultMillis);
		}
		try {
			long millis = Long.parseLong(value.toString().trim());
			if (millis <= 0) {
				throw new ConfigException(key, value, "must be positive");
			}
			return Duration.ofMillis(millis);
		}
		catch (NumberFormatException ex) {
			throw new ConfigException(key, value, "not a number of milliseconds");
		}
	}

}
