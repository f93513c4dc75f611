package io.tally.localstack;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The one directory holding a stack's data: PostgreSQL and Kafka data, logs, the identity
 * provider's generated credentials and signing key ({@code auth/}), and the ports of the
 * running infrastructure ({@code stack.properties}) so that a single service can be
 * started against it later.
 */
public final class StateDirectory {

	private static final String MARKER = ".tally-state";

	private static final String PORTS = "stack.properties";

	private StateDirectory() {
	}

	/** Creates the directory (if needed) and marks it as ours. */
	public static void prepare(Path directory) throws IOException {
		Files.createDirectories(directory);
		// PostgreSQL runs as an unprivileged user when we are root: it must be able to
		// reach its data directory
		directory.toFile().setExecutable(true, false);
		directory.toFile().setReadable(true, false);
		Path marker = directory.resolve(MARKER);
		if (!Files.exists(marker)) {
			Files.writeString(marker, "Tally local-stack state; delete with --wipe\n");
		}
	}

	/**
	 * Deletes the directory, refusing anything that is neither empty nor marked as a
	 * Tally state directory (a mistyped {@code --state-dir} must not delete someone's
	 * files).
	 */
	public static void wipe(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		boolean empty;
		try (Stream<Path> entries = Files.list(directory)) {
			empty = entries.findAny().isEmpty();
		}
		if (!empty && !Files.exists(directory.resolve(MARKER))) {
			throw new IllegalStateException(
					"Refusing to wipe " + directory + ": it is not a Tally state directory (no " + MARKER + " file)");
		}
		Files.walkFileTree(directory, new SimpleFileVisitor<>() {
			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
				Files.delete(file);
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
				Files.delete(dir);
				return FileVisitResult.CONTINUE;
			}
		});
	}

	static void writePorts(Path directory, Ports ports) throws IOException {
		Properties properties = new Properties();
		properties.setProperty("kafka.port", Integer.toString(ports.kafka()));
		properties.setProperty("kafka.controller.port", Integer.toString(ports.kafkaController()));
		properties.setProperty("registry.port", Integer.toString(ports.registry()));
		properties.setProperty("postgres.port", Integer.toString(ports.postgres()));
		properties.setProperty("auth.port", Integer.toString(ports.authServer()));
		try (Writer writer = Files.newBufferedWriter(directory.resolve(PORTS))) {
			properties.store(writer, "Ports of the infrastructure last started by the Tally local-stack launcher");
		}
	}

	/** The infrastructure ports recorded by the last start, applied to {@code ports}. */
	static Optional<Ports> readPorts(Path directory, Ports ports) throws IOException {
		Path file = directory.resolve(PORTS);
		if (!Files.exists(file)) {
			return Optional.empty();
		}
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(file)) {
			properties.load(reader);
		}
		return Optional.of(new Ports(intOf(properties, "kafka.port", ports.kafka()),
				intOf(properties, "kafka.controller.port", ports.kafkaController()),
				intOf(properties, "registry.port", ports.registry()),
				intOf(properties, "postgres.port", ports.postgres()), ports.invoiceService(), ports.revenueService(),
				intOf(properties, "auth.port", ports.authServer()), ports.dashboard(), ports.dashboardManagement()));
	}

	private static int intOf(Properties properties, String key, int fallback) {
		String value = properties.getProperty(key);
		return (value != null) ? Integer.parseInt(value.trim()) : fallback;
	}

}
