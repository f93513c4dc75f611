package io.tally.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starting and stopping child JVMs whose output goes to a log file.
 */
final class ChildProcesses {

	private ChildProcesses() {
	}

	static String javaExecutable() {
		return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
	}

	static Process start(List<String> command, Path logFile) throws IOException {
		return start(command, Map.of(), logFile);
	}

	/**
	 * Starts {@code command} with extra environment variables (secrets go there: a
	 * process's environment is readable by its owner only, its command line by every
	 * local user).
	 */
	static Process start(List<String> command, Map<String, String> environment, Path logFile) throws IOException {
		Files.createDirectories(logFile.getParent());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
		builder.environment().putAll(environment);
		return builder.start();
	}

	/** Asks politely (SIGTERM: the JVM runs its shutdown hooks), then kills. */
	static void stop(Process process, long graceSeconds) {
		if (process == null || !process.isAlive()) {
			return;
		}
		process.destroy();
		try {
			if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	/** kill -9: no shutdown hooks, no graceful close. */
	static void kill(Process process) {
		if (process == null || !process.isAlive()) {
			return;
		}
		process.destroyForcibly();
		try {
			process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** The last lines of a log, to show why a child failed. */
	static String tail(Path logFile, int lines) {
		try {
			List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
			return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "(no log at " + logFile + ")";
		}
	}

	static List<String> javaCommand(List<String> jvmOptions) {
		List<String> command = new ArrayList<>();
		command.add(javaExecutable());
		command.addAll(jvmOptions);
		return command;
	}

}
