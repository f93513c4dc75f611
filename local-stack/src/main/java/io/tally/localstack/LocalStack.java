package io.tally.localstack;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.tally.registry.standin.SchemaRegistryStandIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tally on one machine: a KRaft Kafka broker (child JVM), embedded PostgreSQL, the
 * schema-registry stand-in and both services (child JVMs from their jars), talking over
 * localhost exactly as in production.
 *
 * <p>
 * Used by the command-line launcher ({@link LocalStackMain}) and by the system tests,
 * which start it on random ports.
 */
public final class LocalStack implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

	private final StackSettings settings;

	private final Map<Service, ServiceProcess> services = new EnumMap<>(Service.class);

	private PostgresServer postgres;

	private KafkaBroker kafka;

	private SchemaRegistryStandIn registry;

	private RegistrySnapshot registrySnapshot;

	public LocalStack(StackSettings settings) {
		this.settings = settings;
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
				ports.postgres());
		this.postgres.start(this.settings.startTimeout());
		this.kafka = new KafkaBroker(this.settings.stateDirectory(), this.settings.logDirectory(), ports.kafka(),
				ports.kafkaController());
		this.kafka.start(this.settings.startTimeout());
		this.registry = SchemaRegistryStandIn.start(ports.registry());
		this.registrySnapshot = new RegistrySnapshot(registryUrl(), this.settings.stateDirectory());
		this.registrySnapshot.restore();
		log.info("Schema registry stand-in ready at {}", registryUrl());
		StateDirectory.writePorts(this.settings.stateDirectory(), ports);
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
		if (!missing.isEmpty()) {
			throw new IllegalStateException("Nothing answers for " + String.join(", ", missing)
					+ ". Start the infrastructure first, e.g. ./run-local.sh --infra-only");
		}
	}

	/** Starts both services and waits until both report ready. */
	public void startServices() throws IOException, InterruptedException {
		for (Service service : Service.values()) {
			launch(service);
		}
		for (Service service : Service.values()) {
			this.services.get(service).awaitReady(url(service), this.settings.startTimeout());
		}
	}

	/** Starts {@code service} (again) and waits until its readiness group reports UP. */
	public void startService(Service service) throws IOException, InterruptedException {
		launch(service);
		this.services.get(service).awaitReady(url(service), this.settings.startTimeout());
	}

	private void launch(Service service) throws IOException {
		ServiceProcess running = this.services.get(service);
		if (running != null && running.isAlive()) {
			throw new IllegalStateException(service.id() + " is already running");
		}
		Ports ports = this.settings.ports();
		ServiceProcess process = new ServiceProcess(service, this.settings.jarOf(service), this.settings.logDirectory(),
				this.settings.serviceJvmOptions(), new ServiceProcess.Endpoints(ports.of(service),
						jdbcUrl(service.database()), kafkaBootstrapServers(), registryUrl()),
				this.settings.serviceProperties());
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

	/** The base URL of {@code service}, e.g. {@code http://localhost:8080}. */
	public String url(Service service) {
		return "http://localhost:" + this.settings.ports().of(service);
	}

	/** The broker's bootstrap servers. */
	public String kafkaBootstrapServers() {
		return "localhost:" + this.settings.ports().kafka();
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

	/** Stops the services gracefully, then the registry, the broker and PostgreSQL. */
	@Override
	public void close() {
		// signal all first so both services shut down in parallel
		this.services.values().stream().filter(ServiceProcess::isAlive).forEach((p) -> p.process().destroy());
		for (ServiceProcess process : this.services.values()) {
			process.stop();
		}
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
