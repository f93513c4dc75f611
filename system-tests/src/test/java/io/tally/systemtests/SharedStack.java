package io.tally.systemtests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.tally.localstack.DatabaseDurability;
import io.tally.localstack.LocalStack;
import io.tally.localstack.Ports;
import io.tally.localstack.Service;
import io.tally.localstack.StackSettings;
import io.tally.localstack.Tracing;
import io.tally.testsupport.http.JsonHttp;

import static org.awaitility.Awaitility.await;

/**
 * The one stack of this test JVM — Kafka, PostgreSQL, the registry, the auth-server, both
 * services and the dashboard, each its own process on random ports — shared by the
 * end-to-end test and the browser tests and stopped when the JVM ends. Tests that kill a
 * service start it again before they finish, so the next test finds every part running.
 */
final class SharedStack {

	private static SharedStack instance;

	private final LocalStack stack;

	private final Path stateDirectory;

	private final OtlpReceiver traces;

	private SharedStack(LocalStack stack, Path stateDirectory, OtlpReceiver traces) {
		this.stack = stack;
		this.traces = traces;
		this.stateDirectory = stateDirectory;
	}

	/** The running stack, started on first use. */
	static synchronized SharedStack get() throws Exception {
		if (instance == null) {
			instance = start();
		}
		return instance;
	}

	private static SharedStack start() throws Exception {
		Path root = Path.of(System.getProperty("tally.projectRoot", "..")).toAbsolutePath().normalize();
		Path state = Files.createDirectories(root.resolve("system-tests/target/stack-" + System.currentTimeMillis()));
		// every request traced and exported to a receiver of this JVM
		// (TracingEndToEndTest),
		// with the relay's and the consumer's per-event lines
		OtlpReceiver traces = OtlpReceiver.start();
		LocalStack stack = new LocalStack(
				settings(root, state, Duration.ofMinutes(3)).withTracing(Tracing.exportingTo(traces.url()))
					.withServiceProperties(Map.of("management.opentelemetry.tracing.export.schedule-delay", "200ms",
							"logging.level.io.tally.invoice.outbox", "DEBUG",
							"logging.level.io.tally.revenue.projection.kafka", "DEBUG")));
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			stack.close();
			traces.close();
		}, "stop-shared-stack"));
		long started = System.nanoTime();
		stack.startInfrastructure();
		stack.startServices();
		stack.startDashboard();
		System.out.printf("Shared stack up in %d s (state in %s)%n",
				Duration.ofNanos(System.nanoTime() - started).toSeconds(), state);
		return new SharedStack(stack, state, traces);
	}

	/**
	 * Settings for a stack on random ports in {@code state}, with the jars the build made
	 * (or those named by the {@code tally.*Jar} system properties).
	 */
	static StackSettings settings(Path root, Path state, Duration startTimeout) {
		return new StackSettings(state, Ports.randomFree(),
				jar("tally.invoiceServiceJar", StackSettings.serviceJar(root, Service.INVOICE_SERVICE)),
				jar("tally.revenueServiceJar", StackSettings.serviceJar(root, Service.REVENUE_SERVICE)),
				jar("tally.authServerJar", StackSettings.authServerJar(root)),
				jar("tally.dashboardJar", StackSettings.dashboardJar(root)),
				// C1 only: the JVMs start much faster on 2 shared cores, and these tests
				// check behaviour, not speed. Reconciliation runs only when a test starts
				// one,
				// and re-checks a difference after 2 s (or the event lag, when longer)
				List.of("-Xms64m", "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
						"-Dtally.reconciliation.initial-delay=1h", "-Dtally.reconciliation.grace=2s",
						"-Dtally.projection.rebuild.check-interval=500ms"),
				startTimeout,
				// throwaway data
				DatabaseDurability.FAST);
	}

	private static Path jar(String property, Path built) {
		String configured = System.getProperty(property);
		return (configured != null) ? Path.of(configured) : built;
	}

	LocalStack stack() {
		return this.stack;
	}

	/** The spans both services exported. */
	OtlpReceiver traces() {
		return this.traces;
	}

	/** Where the stack keeps its data and logs. */
	Path stateDirectory() {
		return this.stateDirectory;
	}

	/** invoice-service's API with a client-credentials token of {@code tally-cli}. */
	InvoiceApi invoices() {
		return new InvoiceApi(
				new JsonHttp(this.stack.url(Service.INVOICE_SERVICE), this.stack.accessTokens()::authorization));
	}

	/** revenue-service's API with a client-credentials token of {@code tally-cli}. */
	RevenueApi revenue() {
		return new RevenueApi(
				new JsonHttp(this.stack.url(Service.REVENUE_SERVICE), this.stack.accessTokens()::authorization));
	}

	String dashboardUrl() {
		return this.stack.dashboardUrl();
	}

	/** The generated password of the demo user {@code name}. */
	String password(String name) {
		return this.stack.credentials().user(name).password();
	}

	/**
	 * Waits until the dashboard's subscription to the revenue stream is open (after a
	 * restart of revenue-service it reconnects with a back-off).
	 */
	void awaitLiveUpdates() {
		HttpClient client = HttpClient.newHttpClient();
		URI health = URI.create(this.stack.dashboardManagementUrl() + "/actuator/health/revenueStream");
		await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(250))
			.ignoreExceptions()
			.until(() -> client.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString())
				.statusCode() == 200);
	}

}
