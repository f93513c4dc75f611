package io.tally.localstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * How the stack runs the services' tracing: off by default (Boot's
 * {@code management.tracing.export.enabled=false}: no trace context propagated, nothing
 * exported; each log line still carries its service's trace id), or on with every trace
 * sampled and, given an endpoint, exported over OTLP/HTTP.
 *
 * @param enabled whether traces are propagated and recorded
 * @param otlpEndpoint the collector's traces URL (e.g.
 * {@code http://localhost:4318/v1/traces}), or null to export nothing
 */
public record Tracing(boolean enabled, String otlpEndpoint) {

	/** Tracing off. */
	public static final Tracing OFF = new Tracing(false, null);

	private static final String EXPORT_ENABLED = "management.tracing.export.enabled";

	private static final String SAMPLING = "management.tracing.sampling.probability";

	private static final String OTLP_ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";

	/** Every property a mode may set, so that a new mode replaces the old one whole. */
	static final Set<String> PROPERTIES = Set.of(EXPORT_ENABLED, SAMPLING, OTLP_ENDPOINT);

	public Tracing {
		if (otlpEndpoint != null) {
			URI uri = URI.create(otlpEndpoint);
			if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
				throw new IllegalArgumentException(
						"--otlp-endpoint must be an http(s) URL, e.g. http://localhost:4318/v1/traces");
			}
			enabled = true;
		}
	}

	/** Tracing on, exporting to {@code otlpEndpoint} (null: nowhere). */
	public static Tracing exportingTo(String otlpEndpoint) {
		return new Tracing(true, otlpEndpoint);
	}

	/** The Spring properties that put a service in this mode. */
	public Map<String, String> serviceProperties() {
		Map<String, String> properties = new LinkedHashMap<>();
		if (!this.enabled) {
			properties.put(EXPORT_ENABLED, "false");
			return properties;
		}
		properties.put(SAMPLING, "1.0");
		if (this.otlpEndpoint != null) {
			properties.put(OTLP_ENDPOINT, this.otlpEndpoint);
		}
		return properties;
	}

	/**
	 * One line for the banner, saying where spans go and whether anything receives them.
	 */
	String describe() {
		if (!this.enabled) {
			return "off (start with --tracing, and --otlp-endpoint=URL to export)";
		}
		if (this.otlpEndpoint == null) {
			return "on, every trace sampled, exported nowhere (no --otlp-endpoint): trace ids in the logs only";
		}
		return "on, every trace sampled, exported to " + this.otlpEndpoint
				+ (collectorAnswers() ? "" : " — but nothing answers there now: start a collector (e.g. Jaeger"
						+ " all-in-one) or the spans are dropped");
	}

	private boolean collectorAnswers() {
		URI uri = URI.create(this.otlpEndpoint);
		int port = (uri.getPort() != -1) ? uri.getPort() : (uri.getScheme().equals("https") ? 443 : 80);
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(uri.getHost(), port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
