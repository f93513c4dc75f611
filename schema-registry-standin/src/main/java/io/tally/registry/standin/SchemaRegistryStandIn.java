package io.tally.registry.standin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * An in-memory stand-in for Confluent Schema Registry on the JDK's HTTP server, for the
 * local stack and tests on machines without Docker. Not for production: nothing is
 * persisted, the only security is optional HTTP basic auth ({@link #requireBasicAuth}),
 * one process only. Production uses a real registry.
 *
 * <p>
 * Speaks enough of Confluent's REST API for Tally's client and Confluent's own: subjects,
 * versions, schema ids, lookup, compatibility checks and {@code /config} with all seven
 * compatibility levels (default BACKWARD), enforced with Avro's
 * {@code SchemaCompatibility}. Avro schemas only; no references.
 */
public final class SchemaRegistryStandIn implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor;

	private final RegistryApi api;

	private SchemaRegistryStandIn(HttpServer server, ExecutorService executor, RegistryApi api) {
		this.server = server;
		this.executor = executor;
		this.api = api;
	}

	/** Starts on the loopback interface; port 0 picks a free port. */
	public static SchemaRegistryStandIn start(int port) {
		return start(InetAddress.getLoopbackAddress().getHostAddress(), port);
	}

	/** Starts on the given interface (e.g. {@code 0.0.0.0}); port 0 picks a free port. */
	public static SchemaRegistryStandIn start(String host, int port) {
		RegistryApi api = new RegistryApi(new RegistryStore());
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 50);
			AtomicInteger threads = new AtomicInteger();
			ExecutorService executor = Executors.newFixedThreadPool(4, (task) -> {
				Thread thread = new Thread(task, "schema-registry-standin-" + threads.incrementAndGet());
				thread.setDaemon(true);
				return thread;
			});
			server.createContext("/", api);
			server.setExecutor(executor);
			server.start();
			return new SchemaRegistryStandIn(server, executor, api);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start the schema-registry stand-in on " + host + ":" + port, ex);
		}
	}

	/** The base URL, e.g. {@code http://127.0.0.1:8081}. */
	public String url() {
		InetSocketAddress address = this.server.getAddress();
		String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getAddress().getHostAddress();
		return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
	}

	/** The port it listens on. */
	public int port() {
		return this.server.getAddress().getPort();
	}

	/**
	 * Requests served on a route, named like {@code "POST /subjects/{subject}/versions"}
	 * or {@code "GET /schemas/ids/{id}"}.
	 */
	public long requestCount(String route) {
		return this.api.requestCount(route);
	}

	/**
	 * Requires HTTP basic auth from now on, as one of these users (user → password), the
	 * way a real registry is set up with {@code authentication.method=BASIC}; a request
	 * without them is answered 401 with Confluent's error body. An empty map opens the
	 * registry again. Requests refused so far: {@code requestCount("unauthorized")}.
	 */
	public void requireBasicAuth(Map<String, String> passwordsByUser) {
		this.api.requireBasicAuth(Map.copyOf(passwordsByUser));
	}

	/** All requests served so far. */
	public long requestCount() {
		return this.api.requestCount();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	/**
	 * Runs until killed: {@code --port=8081} (default 8081), {@code --host=127.0.0.1}.
	 */
	public static void main(String[] args) throws InterruptedException {
		Options options;
		try {
			options = Options.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println("Usage: SchemaRegistryStandIn [--port=8081] [--host=127.0.0.1]");
			System.exit(2);
			return;
		}
		SchemaRegistryStandIn standIn = start(options.host(), options.port());
		Runtime.getRuntime().addShutdownHook(new Thread(standIn::close, "schema-registry-standin-shutdown"));
		System.out.println("Schema-registry stand-in (not for production) listening on " + standIn.url());
		new CountDownLatch(1).await();
	}

	/** Command-line options of {@link #main}. */
	record Options(String host, int port) {

		static Options parse(String... args) {
			int port = 8081;
			String host = InetAddress.getLoopbackAddress().getHostAddress();
			for (String arg : args) {
				if (arg.startsWith("--port=")) {
					try {
						port = Integer.parseInt(arg.substring("--port=".length()));
					}
					catch (NumberFormatException ex) {
						throw new IllegalArgumentException("Not a port: " + arg);
					}
					if (port < 0 || port > 65535) {
						throw new IllegalArgumentException("Not a port: " + arg);
					}
				}
				else if (arg.startsWith("--host=")) {
					host = arg.substring("--host=".length());
				}
				else {
					throw new IllegalArgumentException("Unknown argument: " + arg);
				}
			}
			return new Options(host, port);
		}

	}

}
