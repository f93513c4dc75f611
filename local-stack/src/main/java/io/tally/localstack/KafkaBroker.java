package io.tally.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Apache Kafka broker in KRaft mode (Kafka's own server from Maven Central)
 * in a child JVM; with credentials, SASL/PLAIN on both listeners and ACLs
 * ({@link KafkaSecurity#SASL_ACLS}).
 *
 * <p>
 * The child JVM reuses this JVM's classpath, which holds {@code kafka_2.13},
 * {@code kafka-tools} and an slf4j binding.
 */
final class KafkaBroker implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);

	private final Path directory;

	private final Path logFile;

	private final int port;

	private final int controllerPort;

	private final KafkaCredentials sasl;

	private Process process;

	/** A broker without authentication or authorization. */
	KafkaBroker(Path stateDirectory, Path logDirectory, int port, int controllerPort) {
		this(stateDirectory, logDirectory, port, controllerPort, null);
	}

	/**
	 * A broker that lets in only these users (SASL/PLAIN) and grants them only
	 * {@link KafkaAcls}; null: no security.
	 */
	KafkaBroker(Path stateDirectory, Path logDirectory, int port, int controllerPort, KafkaCredentials sasl) {
		this.directory = stateDirectory.resolve("kafka");
		this.logFile = logDirectory.resolve("kafka.log");
		this.port = port;
		this.controllerPort = controllerPort;
		this.sasl = sasl;
	}

	String bootstrapServers() {
		return "localhost:" + this.port;
	}

	void start(Duration timeout) throws IOException, InterruptedException {
		Path dataDirectory = this.directory.resolve("data");
		Files.createDirectories(dataDirectory);
		Path config = this.directory.resolve("server.properties");
		// rewritten on every start: the ports may differ, the data (and cluster id) stay;
		// owner-only, it holds the users' passwords
		SecretFiles.writeText(config, serverProperties(dataDirectory));
		if (!Files.exists(dataDirectory.resolve("meta.properties"))) {
			format(config, timeout);
		}
		List<String> command = kafkaJvm();
		command.add("kafka.Kafka");
		command.add(config.toString());
		this.process = ChildProcesses.start(command, this.logFile);
		awaitReady(timeout);
		if (this.sasl != null) {
			grantAcls(timeout);
		}
		log.info("Kafka broker ready on {} ({}, pid {})", bootstrapServers(), security().protocol(),
				this.process.pid());
	}

	KafkaSecurity security() {
		return (this.sasl != null) ? KafkaSecurity.SASL_ACLS : KafkaSecurity.PLAINTEXT;
	}

	/** Admin client settings: the super user's credentials when the broker has users. */
	Map<String, Object> adminConfig() {
		Map<String, Object> config = new HashMap<>();
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
		if (this.sasl != null) {
			config.putAll(this.sasl.clientProperties(KafkaCredentials.ADMIN));
		}
		return config;
	}

	// creating an existing binding again changes nothing, so every start grants the same
	private void grantAcls(Duration timeout) throws InterruptedException {
		try (Admin admin = Admin.create(adminConfig())) {
			admin.createAcls(KafkaAcls.bindings()).all().get(timeout.toSeconds(), TimeUnit.SECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not create the Kafka ACLs; see " + this.logFile, ex);
		}
		log.info("Kafka ACLs granted: {} bindings for {}, {} and {}", KafkaAcls.bindings().size(),
				Service.INVOICE_SERVICE.id(), Service.REVENUE_SERVICE.id(), KafkaCredentials.REDRIVE);
	}

	private void format(Path config, Duration timeout) throws IOException, InterruptedException {
		List<String> command = kafkaJvm();
		command.addAll(List.of("kafka.tools.StorageTool", "format", "--ignore-formatted", "-t",
				Uuid.randomUuid().toString(), "-c", config.toString()));
		Process formatting = ChildProcesses.start(command, this.logFile);
		boolean ended = formatting.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
		// its output is in the log before the broker's follows
		ChildProcesses.awaitLog(formatting);
		if (!ended || formatting.exitValue() != 0) {
			formatting.destroyForcibly();
			throw new IllegalStateException("Formatting Kafka storage failed; see " + this.logFile + ":\n"
					+ ChildProcesses.tail(formatting, this.logFile, 20));
		}
	}

	private List<String> kafkaJvm() {
		List<String> command = ChildProcesses
			.javaCommand(List.of("-Xms256m", "-Xmx512m", "-Dtally.log.level=INFO", "-Djava.awt.headless=true"));
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		return new ArrayList<>(command);
	}

	private String serverProperties(Path dataDirectory) {
		String listener = security().protocol();
		List<String> lines = new ArrayList<>(List.of("# written by the Tally local-stack launcher on every start",
				"process.roles=broker,controller", "node.id=1",
				"controller.quorum.voters=1@127.0.0.1:" + this.controllerPort,
				"listeners=" + listener + "://127.0.0.1:" + this.port + ",CONTROLLER://127.0.0.1:"
						+ this.controllerPort,
				"advertised.listeners=" + listener + "://localhost:" + this.port,
				"controller.listener.names=CONTROLLER", "inter.broker.listener.name=" + listener,
				"listener.security.protocol.map=" + listener + ":" + listener + ",CONTROLLER:" + listener,
				"log.dirs=" + dataDirectory.toString().replace("\\", "/"), "num.partitions=6",
				"offsets.topic.replication.factor=1", "offsets.topic.num.partitions=6",
				"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
				"share.coordinator.state.topic.replication.factor=1", "share.coordinator.state.topic.min.isr=1",
				"group.initial.rebalance.delay.ms=0", "auto.create.topics.enable=false", "log.retention.hours=-1"));
		if (this.sasl != null) {
			// the controller listener authenticates too: with a PLAINTEXT controller the
			// broker cannot register (CLUSTER_ACTION is denied to User:ANONYMOUS)
			String jaas = this.sasl.brokerJaasConfig();
			lines.addAll(List.of("sasl.enabled.mechanisms=" + KafkaCredentials.MECHANISM,
					"sasl.mechanism.inter.broker.protocol=" + KafkaCredentials.MECHANISM,
					"sasl.mechanism.controller.protocol=" + KafkaCredentials.MECHANISM,
					"listener.name.sasl_plaintext.plain.sasl.jaas.config=" + jaas,
					"listener.name.controller.plain.sasl.jaas.config=" + jaas,
					"authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
					"super.users=User:" + KafkaCredentials.ADMIN, "allow.everyone.if.no.acl.found=false"));
		}
		return String.join("\n", lines) + "\n";
	}

	private void awaitReady(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		Map<String, Object> config = adminConfig();
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
		try (Admin admin = Admin.create(config)) {
			while (System.nanoTime() < deadline) {
				if (!this.process.isAlive()) {
					throw new IllegalStateException("Kafka broker exited with code " + this.process.exitValue()
							+ "; see " + this.logFile + ":\n" + ChildProcesses.tail(this.process, this.logFile, 30));
				}
				try {
					if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
						return;
					}
				}
				catch (Exception ex) {
					// not up yet
				}
				Thread.sleep(200);
			}
		}
		throw new IllegalStateException("Kafka broker not ready after " + timeout + "; see " + this.logFile);
	}

	boolean isAlive() {
		return this.process != null && this.process.isAlive();
	}

	@Override
	public void close() {
		// SIGTERM makes Kafka run its controlled shutdown and flush the logs
		ChildProcesses.stop(this.process, 30);
	}

}
