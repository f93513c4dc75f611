package io.tally.localstack;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tally.registry.standin.SchemaRegistryStandIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tally on one machine: a KRaft Kafka broker (child JVM), embedded PostgreSQL, the
 * schema-registry stand-in, the auth-server and both services (child JVMs from their
 * jars), talking over localhost exactly as in production. The broker requires SASL and
 * enforces ACLs unless the stack is made with {@link KafkaSecurity#PLAINTEXT}; each
 * service then connects as its own principal.
 *
 * <p>
 * Used by the command-line launcher ({@link LocalStackMain}) and by the system tests,
 * which start it on random ports.
 */
public final class LocalStack implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

	private final StackSettings settings;

	private final KafkaSecurity kafkaSecurity;

	private final Map<Service, ServiceProcess> services = new EnumMap<>(Service.class);

	private PostgresServer postgres;

	private KafkaBroker kafka;

	private SchemaRegistryStandIn registry;

	private RegistrySnapshot registrySnapshot;

	private ServiceProcess authServer;

	private ServiceProcess dashboard;

	private DevCredentials credentials;

	private AccessTokens accessTokens;

	private KafkaCredentials kafkaCredentials;

	/** A stack whose broker requires SASL and enforces ACLs. */
	public LocalStack(StackSettings settings) {
		this(settings, KafkaSecurity.SASL_ACLS);
	}

	public LocalStack(StackSettings settings, KafkaSecurity kafkaSecurity) {
		this.settings = settings;
		this.kafkaSecurity = kafkaSecurity;
	}

	/** How the broker lets clients in. */
	public KafkaSecurity kafkaSecurity() {
		return this.kafkaSecurity;
	}

	/** The settings this stack runs with. */
	public StackSettings settings() {
		return this.settings;
	}

	/**
	 * Starts PostgreSQL, Kafka and the schema registry and records their ports in the
	 * state directory.
	 */
	public void startInfrastructure() throws IOException, InterruptedException, SQLException {
		StateDirectory.prepare(this.settings.stateDirectory());
		Ports ports = this.settings.ports();
		this.postgres = new PostgresServer(this.settings.stateDirectory(), this.settings.logDirectory(),
				ports.postgres(), this.settings.databaseDurability());
		this.postgres.start(this.settings.startTimeout());
		this.kafka = new KafkaBroker(this.settings.stateDirectory(), this.settings.logDirectory(), ports.kafka(),
				ports.kafkaController(), isKafkaSecured() ? kafkaCredentials() : null);
		this.kafka.start(this.settings.startTimeout());
		if (isKafkaSecured()) {
			// for Kafka's own tools: --command-config <file>
			SecretFiles.write(this.settings.kafkaAdminClientFile(),
					"# Kafka client settings of the super user, for Kafka's tools (--command-config). Owner-only.\n",
					kafkaCredentials().clientProperties(KafkaCredentials.ADMIN));
		}
		this.registry = SchemaRegistryStandIn.start(ports.registry());
		this.registrySnapshot = new RegistrySnapshot(registryUrl(), this.settings.stateDirectory());
		this.registrySnapshot.restore();
		log.info("Schema registry stand-in ready at {}", registryUrl());
		StateDirectory.writePorts(this.settings.stateDirectory(), ports);
		StateDirectory.writeKafkaSecurity(this.settings.stateDirectory(), this.kafkaSecurity);
	}

	/**
	 * Saves the registry stand-in's schemas to the state directory (it keeps them in
	 * memory only); also done on {@link #close()}.
	 */
	public void saveRegistry() {
		if (this.registrySnapshot != null) {
			try {
				this.registrySnapshot.save();
			}
			catch (IOException ex) {
				log.warn("Could not save the registry's schemas: {}", ex.getMessage());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Fails clearly when the infrastructure this stack's ports point at is not running.
	 */
	public void requireInfrastructure() {
		Ports ports = this.settings.ports();
		List<String> missing = new ArrayList<>();
		if (!Ports.isListening(ports.postgres())) {
			missing.add("PostgreSQL on port " + ports.postgres());
		}
		if (!Ports.isListening(ports.kafka())) {
			missing.add("Kafka on port " + ports.kafka());
		}
		if (!Ports.isListening(ports.registry())) {
			missing.add("the schema registry on port " + ports.registry());
		}
		if (!Ports.isListening(ports.authServer())) {
			missing.add("the auth-server on port " + ports.authServer());
		}
		if (!missing.isEmpty()) {
			throw new IllegalStateException("Nothing answers for " + String.join(", ", missing)
					+ ". Start the infrastructure first, e.g. ./run-local.sh --infra-only");
		}
	}

	/**
	 * Starts the auth-server (unless it runs) and both services at once, and waits until
	 * all report ready (the services do not need the issuer to start).
	 */
	public void startServices() throws IOException, InterruptedException {
		boolean authServerStarts = !isAuthServerRunning();
		if (authServerStarts) {
			launchAuthServer();
		}
		for (Service service : Service.values()) {
			launch(service);
		}
		if (authServerStarts) {
			this.authServer.awaitReady(issuerUrl(), this.settings.startTimeout());
		}
		for (Service service : Service.values()) {
			this.services.get(service).awaitReady(managementUrl(service), this.settings.startTimeout());
		}
	}

	/**
	 * Starts the auth-server and waits until it is ready: client secrets, user passwords
	 * and subject ids are generated into the state directory on first start, the signing
	 * key too, so tokens stay valid across restarts.
	 */
	public void startAuthServer() throws IOException, InterruptedException {
		launchAuthServer();
		this.authServer.awaitReady(issuerUrl(), this.settings.startTimeout());
	}

	private void launchAuthServer() throws IOException {
		if (isAuthServerRunning()) {
			throw new IllegalStateException(LaunchOptions.AUTH_SERVER + " is already running");
		}
		StateDirectory.prepare(this.settings.stateDirectory());
		credentials(); // generated before the server reads them
		this.authServer = ServiceProcess.authServer(this.settings.authServerJar(), this.settings.logDirectory(),
				this.settings.ports().authServer(), issuerUrl(), this.settings.credentialsFile(),
				this.settings.signingKeyFile(), dashboardUrl());
		this.authServer.start();
	}

	/** Graceful stop of the auth-server. */
	public void stopAuthServer() {
		if (this.authServer != null) {
			this.authServer.stop();
		}
	}

	/** Whether the auth-server's process runs. */
	public boolean isAuthServerRunning() {
		return this.authServer != null && this.authServer.isAlive();
	}

	/** The auth-server's process, if started. */
	Process authServerProcess() {
		return (this.authServer != null) ? this.authServer.process() : null;
	}

	/**
	 * Starts the dashboard against this stack's auth-server and services and waits until
	 * it is ready (it does not need them to start; it signs users in through the
	 * auth-server's {@code tally-dashboard} client and reads the revenue stream with
	 * {@code tally-cli}).
	 */
	public void startDashboard() throws IOException, InterruptedException {
		if (isDashboardRunning()) {
			throw new IllegalStateException(LaunchOptions.DASHBOARD + " is already running");
		}
		Ports ports = this.settings.ports();
		this.dashboard = ServiceProcess.dashboard(this.settings.dashboardJar(), this.settings.logDirectory(),
				this.settings.serviceJvmOptions(), ports.dashboard(), ports.dashboardManagement(),
				new ServiceProcess.DashboardEndpoints(issuerUrl(), url(Service.INVOICE_SERVICE),
						url(Service.REVENUE_SERVICE)),
				credentials());
		this.dashboard.start();
		this.dashboard.awaitReady(dashboardManagementUrl(), this.settings.startTimeout());
	}

	/** Graceful stop of the dashboard. */
	public void stopDashboard() {
		if (this.dashboard != null) {
			this.dashboard.stop();
		}
	}

	/** Whether the dashboard's process runs. */
	public boolean isDashboardRunning() {
		return this.dashboard != null && this.dashboard.isAlive();
	}

	/** The dashboard's process, if started. */
	Process dashboardProcess() {
		return (this.dashboard != null) ? this.dashboard.process() : null;
	}

	/** The dashboard's pages, e.g. {@code http://localhost:8083}. */
	public String dashboardUrl() {
		return "http://localhost:" + this.settings.ports().dashboard();
	}

	/** The dashboard's actuator, e.g. {@code http://localhost:8183}. */
	public String dashboardManagementUrl() {
		return "http://localhost:" + this.settings.ports().dashboardManagement();
	}

	/** Starts {@code service} (again) and waits until its readiness group reports UP. */
	public void startService(Service service) throws IOException, InterruptedException {
		launch(service);
		this.services.get(service).awaitReady(managementUrl(service), this.settings.startTimeout());
	}

	private void launch(Service service) throws IOException {
		ServiceProcess running = this.services.get(service);
		if (running != null && running.isAlive()) {
			throw new IllegalStateException(service.id() + " is already running");
		}
		Ports ports = this.settings.ports();
		List<String> arguments = new ArrayList<>();
		// extra Spring properties, e.g. tracing
		this.settings.serviceProperties().forEach((name, value) -> arguments.add("--" + name + "=" + value));
		if (isKafkaSecured()) {
			// the service's principal: its password from an owner-only file, never the
			// command line (which every local user can read)
			Path kafkaClient = this.settings.kafkaClientFile(service);
			SecretFiles.write(kafkaClient,
					"# Spring Boot settings: " + service.id() + "'s Kafka principal. Owner-only.\n",
					kafkaCredentials().springProperties(service));
			arguments.add("--spring.config.import=file:" + kafkaClient);
		}
		ServiceProcess process = ServiceProcess.of(service, this.settings.jarOf(service), this.settings.logDirectory(),
				this.settings.serviceJvmOptions(),
				new ServiceProcess.Endpoints(ports.of(service), ports.managementOf(service),
						jdbcUrl(service.database()), kafkaBootstrapServers(), registryUrl(), issuerUrl(),
						url(Service.INVOICE_SERVICE), this.settings.credentialsFile()),
				arguments);
		process.start();
		this.services.put(service, process);
	}

	/** kill -9 of {@code service}: no graceful shutdown, as when a machine dies. */
	public void kill(Service service) {
		ServiceProcess process = this.services.get(service);
		if (process != null) {
			log.info("Killing {} (pid {})", service.id(), process.process().pid());
			process.kill();
		}
	}

	/** Graceful stop of {@code service}. */
	public void stop(Service service) {
		ServiceProcess process = this.services.get(service);
		if (process != null) {
			process.stop();
		}
	}

	/** Whether the process of {@code service} runs. */
	public boolean isRunning(Service service) {
		ServiceProcess process = this.services.get(service);
		return process != null && process.isAlive();
	}

	/** The process of {@code service}, if started. */
	public Process process(Service service) {
		ServiceProcess process = this.services.get(service);
		return (process != null) ? process.process() : null;
	}

	/** The base URL of {@code service}'s API, e.g. {@code http://localhost:8080}. */
	public String url(Service service) {
		return "http://localhost:" + this.settings.ports().of(service);
	}

	/**
	 * The base URL of {@code service}'s actuator (health, metrics) on its management
	 * port, e.g. {@code http://localhost:8180}.
	 */
	public String managementUrl(Service service) {
		return "http://localhost:" + this.settings.ports().managementOf(service);
	}

	/** The role {@code service} connects to its database as: rows only. */
	public String applicationRole(Service service) {
		return PostgresServer.applicationRole(service.database());
	}

	/** The role that owns {@code service}'s database and migrates its schema. */
	public String ownerRole(Service service) {
		return PostgresServer.owner(service.database());
	}

	/** The broker's bootstrap servers. */
	public String kafkaBootstrapServers() {
		return "localhost:" + this.settings.ports().kafka();
	}

	/**
	 * Kafka client settings for this stack's broker as {@code user}
	 * ({@link KafkaCredentials#ADMIN} or a service's id): the bootstrap servers, and the
	 * user's SASL settings when the broker has users.
	 */
	public Map<String, Object> kafkaClientConfig(String user) {
		Map<String, Object> config = new HashMap<>();
		config.put("bootstrap.servers", kafkaBootstrapServers());
		if (isKafkaSecured()) {
			config.putAll(kafkaCredentials().clientProperties(user));
		}
		return config;
	}

	/**
	 * The broker's users and passwords (generated into the state directory on first use,
	 * the same ever after).
	 */
	public synchronized KafkaCredentials kafkaCredentials() {
		if (this.kafkaCredentials == null) {
			this.kafkaCredentials = KafkaCredentials.loadOrCreate(this.settings.kafkaCredentialsFile());
		}
		return this.kafkaCredentials;
	}

	private boolean isKafkaSecured() {
		return this.kafkaSecurity == KafkaSecurity.SASL_ACLS;
	}

	/** The schema registry URL. */
	public String registryUrl() {
		return "http://localhost:" + this.settings.ports().registry();
	}

	/** The log file of {@code service} (ECS JSON lines). */
	public Path logFile(Service service) {
		return this.settings.logDirectory().resolve(service.id() + ".log");
	}

	/** The JDBC URL of {@code database}. */
	public String jdbcUrl(String database) {
		return PostgresServer.jdbcUrl(this.settings.ports().postgres(), database);
	}

	/**
	 * The issuer of access tokens (the auth-server), e.g. {@code http://localhost:9000};
	 * the services' {@code issuer-uri}.
	 */
	public String issuerUrl() {
		return "http://localhost:" + this.settings.ports().authServer();
	}

	/**
	 * The client secrets, demo users' passwords and subject ids of this stack (generated
	 * into the state directory on first use, the same ever after).
	 */
	public synchronized DevCredentials credentials() {
		if (this.credentials == null) {
			this.credentials = DevCredentials.loadOrCreate(this.settings.credentialsFile());
		}
		return this.credentials;
	}

	/**
	 * Client-credentials tokens of {@code tally-cli} with all four API scopes, renewed
	 * before they expire.
	 */
	public synchronized AccessTokens accessTokens() {
		if (this.accessTokens == null) {
			DevCredentials.Client cli = credentials().cli();
			this.accessTokens = new AccessTokens(URI.create(issuerUrl() + "/oauth2/token"), cli.id(), cli.secret(),
					DevCredentials.CLI_SCOPES);
		}
		return this.accessTokens;
	}

	/**
	 * A shell command that fetches a {@code tally-cli} token into {@code $TOKEN} with
	 * curl (and sed, no jq), as the banner prints it.
	 */
	public String fetchTokenCommand() {
		DevCredentials.Client cli = credentials().cli();
		return "TOKEN=$(curl -s -u %s:%s --data-urlencode grant_type=client_credentials --data-urlencode 'scope=%s' %s/oauth2/token | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')"
			.formatted(cli.id(), cli.secret(), String.join(" ", DevCredentials.CLI_SCOPES), issuerUrl());
	}

	/** A shell command that calls {@code url} with the token in {@code $TOKEN}. */
	public static String useTokenCommand(String url) {
		return "curl -s -H \"Authorization: Bearer $TOKEN\" " + url;
	}

	/**
	 * Stops the dashboard and the services gracefully, then the auth-server, the
	 * registry, the broker and PostgreSQL.
	 */
	@Override
	public void close() {
		stopDashboard();
		// signal all first so both services shut down in parallel
		this.services.values().stream().filter(ServiceProcess::isAlive).forEach((p) -> p.process().destroy());
		for (ServiceProcess process : this.services.values()) {
			process.stop();
		}
		stopAuthServer();
		if (this.registry != null) {
			saveRegistry();
			this.registry.close();
		}
		if (this.kafka != null) {
			this.kafka.close();
		}
		if (this.postgres != null) {
			try {
				this.postgres.close();
			}
			catch (IOException ex) {
				log.warn("Stopping PostgreSQL failed: {}", ex.getMessage());
			}
		}
	}

}
