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
 * One service JVM started from its Spring Boot jar, configured only through standard
 * Spring properties.
 */
final class ServiceProcess {

	private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Service service;

	private final Path jar;

	private final Path logFile;

	private final List<String> command;

	private Process process;

	ServiceProcess(Service service, Path jar, Path logDirectory, List<String> jvmOptions, Endpoints endpoints,
			Map<String, String> properties) {
		this.service = service;
		this.jar = jar;
		this.logFile = logDirectory.resolve(service.id() + ".log");
		List<String> command = ChildProcesses.javaCommand(jvmOptions);
		command.add("-jar");
		command.add(jar.toString());
		command.add("--server.port=" + endpoints.httpPort());
		command.add("--spring.datasource.url=" + endpoints.jdbcUrl());
		command.add("--spring.datasource.username=" + PostgresServer.USER);
		command.add("--spring.kafka.bootstrap-servers=" + endpoints.kafkaBootstrapServers());
		command.add("--spring.kafka.properties.schema.registry.url=" + endpoints.registryUrl());
		properties.forEach((name, value) -> command.add("--" + name + "=" + value));
		this.command = List.copyOf(command);
	}

	/** Where a service finds the infrastructure and which port it serves. */
	record Endpoints(int httpPort, String jdbcUrl, String kafkaBootstrapServers, String registryUrl) {
	}

	Service service() {
		return this.service;
	}

	Path logFile() {
		return this.logFile;
	}

	void start() throws IOException {
		if (!Files.isRegularFile(this.jar)) {
			throw new MissingServiceJar(this.service, this.jar);
		}
		this.process = ChildProcesses.start(new ArrayList<>(this.command), this.logFile);
		log.info("{} starting (pid {}, log {})", this.service.id(), this.process.pid(), this.logFile);
	}

	void awaitReady(String baseUrl, Duration timeout) throws InterruptedException {
		URI readiness = URI.create(baseUrl + "/actuator/health/readiness");
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.service.id() + " exited with code " + this.process.exitValue()
						+ "; see " + this.logFile + ":\n" + ChildProcesses.tail(this.logFile, 40));
			}
			if (isReady(readiness)) {
				log.info("{} ready at {}", this.service.id(), baseUrl);
				return;
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException(this.service.id() + " not ready after " + timeout + "; see " + this.logFile);
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
