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
	static ServiceProcess of(Service service, Path jar, Path logDirectory, List<String> jvmOptions,
			Endpoints endpoints) {
		return of(service, jar, logDirectory, jvmOptions, endpoints, List.of());
	}

	/**
	 * {@code service} wired to the infrastructure at {@code endpoints}, with more
	 * command-line arguments.
	 */
	static ServiceProcess of(Service service, Path jar, Path logDirectory, List<String> jvmOptions, Endpoints endpoints,
			List<String> moreArguments) {
		List<String> options = new ArrayList<>(jvmOptions);
		options.add("-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.tally.events");
		return new ServiceProcess(service.id(), jar, logDirectory, options,
				concat(List.of("--server.port=" + endpoints.httpPort(),
						"--management.server.port=" + endpoints.managementPort(),
						"--spring.datasource.url=" + endpoints.jdbcUrl(),
						// least privilege: the service reads and writes rows, Flyway
						// migrates as the owner
						"--spring.datasource.username=" + PostgresServer.applicationRole(service.database()),
						"--spring.flyway.user=" + PostgresServer.owner(service.database()),
						"--spring.kafka.bootstrap-servers=" + endpoints.kafkaBootstrapServers(),
						"--spring.kafka.properties.schema.registry.url=" + endpoints.registryUrl(),
						// the services accept only tokens of this issuer
						"--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + endpoints.issuer()),
						(service == Service.REVENUE_SERVICE) ? reconciliation(endpoints) : List.of(), moreArguments));
	}

	@SafeVarargs
	private static List<String> concat(List<String>... parts) {
		List<String> all = new ArrayList<>();
		for (List<String> part : parts) {
			all.addAll(part);
		}
		return all;
	}

	/**
	 * revenue-service reconciles with invoice-service's digest, with a token of
	 * {@code tally-cli} (ops:admin). Its secret comes from the credentials file: the
	 * command line names only the property.
	 */
	private static List<String> reconciliation(Endpoints endpoints) {
		return List.of("--tally.reconciliation.invoice-service-url=" + endpoints.invoiceServiceUrl(),
				"--spring.config.import=optional:file:" + endpoints.credentialsFile(),
				"--tally.reconciliation.client.issuer-uri=" + endpoints.issuer(),
				"--tally.reconciliation.client.client-id=" + DevCredentials.CLI_CLIENT_ID,
				"--tally.reconciliation.client.client-secret=${" + DevCredentials.CLI_SECRET_PROPERTY + ":}");
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
	 * @param httpPort the service's API port
	 * @param managementPort its actuator's port
	 * @param jdbcUrl its database
	 * @param kafkaBootstrapServers the broker
	 * @param registryUrl the schema registry
	 * @param issuer the issuer of access tokens (the auth-server)
	 * @param invoiceServiceUrl where invoice-service answers (revenue-service reconciles
	 * with it)
	 * @param credentialsFile the stack's client secrets
	 */
	record Endpoints(int httpPort, int managementPort, String jdbcUrl, String kafkaBootstrapServers, String registryUrl,
			String issuer, String invoiceServiceUrl, Path credentialsFile) {
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

	/**
	 * Waits until the readiness probe under {@code actuatorUrl} (the management port of a
	 * service, the only port of the auth-server) answers UP.
	 */
	void awaitReady(String actuatorUrl, Duration timeout) throws InterruptedException {
		URI readiness = URI.create(actuatorUrl + "/actuator/health/readiness");
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.id + " exited with code " + this.process.exitValue() + "; see "
						+ this.logFile + ":\n" + ChildProcesses.tail(this.process, this.logFile, 40));
			}
			if (isReady(readiness)) {
				log.info("{} ready ({})", this.id, readiness);
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
