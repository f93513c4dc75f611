package io.tally.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Spring Boot application JVM (a service or the auth-server) started from its jar,
 * configured only through standard Spring properties, its output in a log file.
 */
final class ServiceProcess {

	private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String id;

	private final Path jar;

	private final Path logFile;

	private final List<String> command;

	private final Map<String, String> environment;

	private Process process;

	private ServiceProcess(String id, Path jar, Path logDirectory, List<String> jvmOptions, List<String> arguments) {
		this(id, jar, logDirectory, jvmOptions, arguments, Map.of());
	}

	private ServiceProcess(String id, Path jar, Path logDirectory, List<String> jvmOptions, List<String> arguments,
			Map<String, String> environment) {
		this.id = id;
		this.environment = Map.copyOf(environment);
		this.jar = jar;
		this.logFile = logDirectory.resolve(id + ".log");
		List<String> command = ChildProcesses.javaCommand(jvmOptions);
		command.add("-jar");
		command.add(jar.toString());
		command.addAll(arguments);
		this.command = List.copyOf(command);
	}

	/** {@code service} wired to the infrastructure at {@code endpoints}. */
	static ServiceProcess of(Service service, Path jar, Path logDirectory, List<String> jvmOptions, Endpoints endpoints,
			Map<String, String> properties) {
		List<String> options = new ArrayList<>(jvmOptions);
		options.add("-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.tally.events");
		List<String> arguments = new ArrayList<>(List.of("--server.port=" + endpoints.httpPort(),
				"--spring.datasource.url=" + endpoints.jdbcUrl(), "--spring.datasource.username=" + PostgresServer.USER,
				"--spring.kafka.bootstrap-servers=" + endpoints.kafkaBootstrapServers(),
				"--spring.kafka.properties.schema.registry.url=" + endpoints.registryUrl(),
				// the services verify tokens against this issuer once they are
				// resource servers; harmless before
				"--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + endpoints.issuer()));
		properties.forEach((name, value) -> arguments.add("--" + name + "=" + value));
		return new ServiceProcess(service.id(), jar, logDirectory, options, arguments);
	}

	/**
	 * The auth-server on {@code port}: its secrets come from the credentials file (not
	 * the command line, which every local user can read), its signing key from the state
	 * directory.
	 */
	static ServiceProcess authServer(Path jar, Path logDirectory, int port, String issuer, Path credentialsFile,
			Path keyFile, String dashboardUrl) {
		// a small JVM: it serves a handful of requests; C2 stays on, as password hashing
		// runs on every token request
		return new ServiceProcess(LaunchOptions.AUTH_SERVER, jar, logDirectory,
				List.of("-Xms32m", "-Xmx160m", "-XX:+UseSerialGC"),
				List.of("--server.port=" + port, "--spring.security.oauth2.authorizationserver.issuer=" + issuer,
						"--tally.auth.key-file=" + keyFile, "--spring.config.import=file:" + credentialsFile,
						// the dashboard of this stack, whatever its port
						"--tally.auth.clients.dashboard.redirect-uris=" + dashboardUrl + "/login/oauth2/code/tally",
						"--tally.auth.clients.dashboard.post-logout-redirect-uris=" + dashboardUrl + "/"));
	}

	/**
	 * The dashboard on {@code ports}, signing users in at {@code issuer} and calling the
	 * two services; its two client secrets go in its environment, not on the command
	 * line.
	 */
	static ServiceProcess dashboard(Path jar, Path logDirectory, List<String> jvmOptions, int port, int managementPort,
			DashboardEndpoints endpoints, DevCredentials credentials) {
		return new ServiceProcess(LaunchOptions.DASHBOARD, jar, logDirectory, jvmOptions,
				List.of("--server.port=" + port, "--management.server.port=" + managementPort,
						"--tally.dashboard.identity.issuer=" + endpoints.issuer(),
						"--tally.dashboard.identity.client-id=" + credentials.dashboard().id(),
						"--tally.dashboard.identity.stream-client-id=" + credentials.cli().id(),
						"--tally.dashboard.invoice-service-url=" + endpoints.invoiceService(),
						"--tally.dashboard.revenue-service-url=" + endpoints.revenueService()),
				Map.of("TALLY_DASHBOARD_IDENTITY_CLIENT_SECRET", credentials.dashboard().secret(),
						"TALLY_DASHBOARD_IDENTITY_STREAM_CLIENT_SECRET", credentials.cli().secret()));
	}

	/**
	 * What the dashboard talks to.
	 *
	 * @param issuer the identity provider
	 * @param invoiceService invoice-service's base URL
	 * @param revenueService revenue-service's base URL
	 */
	record DashboardEndpoints(String issuer, String invoiceService, String revenueService) {
	}

	/**
	 * Where a service finds the infrastructure and which port it serves.
	 *
	 * @param httpPort the service's port
	 * @param jdbcUrl its database
	 * @param kafkaBootstrapServers the broker
	 * @param registryUrl the schema registry
	 * @param issuer the issuer of access tokens (the auth-server)
	 */
	record Endpoints(int httpPort, String jdbcUrl, String kafkaBootstrapServers, String registryUrl, String issuer) {
	}

	String id() {
		return this.id;
	}

	Path logFile() {
		return this.logFile;
	}

	void start() throws IOException {
		if (!Files.isRegularFile(this.jar)) {
			throw new MissingServiceJar(this.id, this.jar);
		}
		this.process = ChildProcesses.start(new ArrayList<>(this.command), this.environment, this.logFile);
		log.info("{} starting (pid {}, log {})", this.id, this.process.pid(), this.logFile);
	}

	void awaitReady(String baseUrl, Duration timeout) throws InterruptedException {
		URI readiness = URI.create(baseUrl + "/actuator/health/readiness");
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.id + " exited with code " + this.process.exitValue() + "; see "
						+ this.logFile + ":\n" + ChildProcesses.tail(this.logFile, 40));
			}
			if (isReady(readiness)) {
				log.info("{} ready at {}", this.id, baseUrl);
				return;
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException(this.id + " not ready after " + timeout + "; see " + this.logFile);
	}

	private static boolean isReady(URI readiness) throws InterruptedException {
		try {
			HttpResponse<String> response = http.send(
					HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			return response.statusCode() == 200 && response.body().contains("\"UP\"");
		}
		catch (IOException ex) {
			return false;
		}
	}

	boolean isAlive() {
		return this.process != null && this.process.isAlive();
	}

	Process process() {
		return this.process;
	}

	/** Graceful stop (SIGTERM: Spring closes its context). */
	void stop() {
		ChildProcesses.stop(this.process, 30);
	}

	/** kill -9. */
	void kill() {
		ChildProcesses.kill(this.process);
	}

}
