package io.tally.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one stack needs to know: where its state lives, its ports, the jars of the
 * services and the auth-server, and how to run the service JVMs.
 *
 * @param stateDirectory data of PostgreSQL and Kafka, logs, generated credentials, the
 * signing key and {@code stack.properties}; kept across restarts
 * @param ports the TCP ports
 * @param invoiceServiceJar the repackaged invoice-service jar
 * @param revenueServiceJar the repackaged revenue-service jar
 * @param authServerJar the repackaged auth-server jar
 * @param dashboardJar the repackaged dashboard jar
 * @param serviceJvmOptions extra JVM options for the service processes
 * @param startTimeout how long a component may take to become ready
 * @param databaseDurability durable for data that is kept ({@code ./run-local.sh}), fast
 * for throwaway test stacks
 * @param serviceProperties extra Spring properties both services get (e.g. tracing)
 */
public record StackSettings(Path stateDirectory, Ports ports, Path invoiceServiceJar, Path revenueServiceJar,
		Path authServerJar, Path dashboardJar, List<String> serviceJvmOptions, Duration startTimeout,
		DatabaseDurability databaseDurability, Map<String, String> serviceProperties) {

	public StackSettings {
		stateDirectory = stateDirectory.toAbsolutePath().normalize();
		serviceJvmOptions = List.copyOf(serviceJvmOptions);
		serviceProperties = Collections.unmodifiableMap(new LinkedHashMap<>(serviceProperties));
	}

	/** Settings whose services run with tracing off and no other extra properties. */
	public StackSettings(Path stateDirectory, Ports ports, Path invoiceServiceJar, Path revenueServiceJar,
			Path authServerJar, Path dashboardJar, List<String> serviceJvmOptions, Duration startTimeout,
			DatabaseDurability databaseDurability) {
		this(stateDirectory, ports, invoiceServiceJar, revenueServiceJar, authServerJar, dashboardJar,
				serviceJvmOptions, startTimeout, databaseDurability, Tracing.OFF.serviceProperties());
	}

	/**
	 * Settings with the jar locations of a checkout whose root is {@code projectRoot}, as
	 * {@code ./run-local.sh} runs it: a durable database.
	 */
	public static StackSettings forProject(Path projectRoot, Path stateDirectory, Ports ports) {
		return new StackSettings(stateDirectory, ports, serviceJar(projectRoot, Service.INVOICE_SERVICE),
				serviceJar(projectRoot, Service.REVENUE_SERVICE), authServerJar(projectRoot), dashboardJar(projectRoot),
				List.of("-Xms128m", "-Xmx512m"), Duration.ofMinutes(3), DatabaseDurability.DURABLE);
	}

	/** Where the build puts the repackaged jar of {@code service}. */
	public static Path serviceJar(Path projectRoot, Service service) {
		return moduleJar(projectRoot, service.id());
	}

	/** Where the build puts the repackaged auth-server jar. */
	public static Path authServerJar(Path projectRoot) {
		return moduleJar(projectRoot, LaunchOptions.AUTH_SERVER);
	}

	/** Where the build puts the repackaged dashboard jar. */
	public static Path dashboardJar(Path projectRoot) {
		return moduleJar(projectRoot, LaunchOptions.DASHBOARD);
	}

	private static Path moduleJar(Path projectRoot, String module) {
		return projectRoot.resolve(module).resolve("target").resolve(module + "-0.1.0-SNAPSHOT.jar");
	}

	/** The jar of {@code service}. */
	public Path jarOf(Service service) {
		return (service == Service.INVOICE_SERVICE) ? this.invoiceServiceJar : this.revenueServiceJar;
	}

	/** The same settings with other ports. */
	public StackSettings withPorts(Ports ports) {
		return new StackSettings(this.stateDirectory, ports, this.invoiceServiceJar, this.revenueServiceJar,
				this.authServerJar, this.dashboardJar, this.serviceJvmOptions, this.startTimeout,
				this.databaseDurability, this.serviceProperties);
	}

	/** The same settings with other JVM options for the services. */
	public StackSettings withServiceJvmOptions(List<String> options) {
		return new StackSettings(this.stateDirectory, this.ports, this.invoiceServiceJar, this.revenueServiceJar,
				this.authServerJar, this.dashboardJar, options, this.startTimeout, this.databaseDurability,
				this.serviceProperties);
	}

	/** The same settings with another database durability. */
	public StackSettings withDatabaseDurability(DatabaseDurability durability) {
		return new StackSettings(this.stateDirectory, this.ports, this.invoiceServiceJar, this.revenueServiceJar,
				this.authServerJar, this.dashboardJar, this.serviceJvmOptions, this.startTimeout, durability,
				this.serviceProperties);
	}

	/**
	 * The same settings with these Spring properties added for both services (they win
	 * over earlier ones of the same name).
	 */
	public StackSettings withServiceProperties(Map<String, String> properties) {
		Map<String, String> merged = new LinkedHashMap<>(this.serviceProperties);
		merged.putAll(properties);
		return new StackSettings(this.stateDirectory, this.ports, this.invoiceServiceJar, this.revenueServiceJar,
				this.authServerJar, this.dashboardJar, this.serviceJvmOptions, this.startTimeout,
				this.databaseDurability, merged);
	}

	/** The same settings with the services' tracing in this mode. */
	public StackSettings withTracing(Tracing tracing) {
		Map<String, String> properties = new LinkedHashMap<>(this.serviceProperties);
		Tracing.PROPERTIES.forEach(properties::remove);
		properties.putAll(tracing.serviceProperties());
		return new StackSettings(this.stateDirectory, this.ports, this.invoiceServiceJar, this.revenueServiceJar,
				this.authServerJar, this.dashboardJar, this.serviceJvmOptions, this.startTimeout,
				this.databaseDurability, properties);
	}

	Path logDirectory() {
		return this.stateDirectory.resolve("logs");
	}

	/**
	 * The generated client secrets, passwords and subject ids ({@link DevCredentials}).
	 */
	Path credentialsFile() {
		return this.stateDirectory.resolve("auth").resolve("credentials.properties");
	}

	/** The broker's generated users and passwords ({@link KafkaCredentials}). */
	Path kafkaCredentialsFile() {
		return this.stateDirectory.resolve("kafka").resolve("credentials.properties");
	}

	/** The super user's client settings, for Kafka's tools ({@code --command-config}). */
	Path kafkaAdminClientFile() {
		return this.stateDirectory.resolve("kafka").resolve("admin-client.properties");
	}

	/** The Spring Boot settings that make {@code service} connect as its principal. */
	Path kafkaClientFile(Service service) {
		return this.stateDirectory.resolve("kafka").resolve(service.id() + "-client.properties");
	}

	/** The signing key of the auth-server's tokens, kept across restarts. */
	Path signingKeyFile() {
		return this.stateDirectory.resolve("auth").resolve("signing-key.json");
	}

}
