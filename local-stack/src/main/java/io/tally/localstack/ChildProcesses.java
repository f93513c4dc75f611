package io.tally.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Starting and stopping child JVMs whose output goes to a log file, capped and rotated
 * ({@link RotatingLog}).
 */
final class ChildProcesses {

	/** The thread copying each running child's output, by pid. */
	private static final Map<Long, Thread> copiers = new ConcurrentHashMap<>();

	private ChildProcesses() {
	}

	static String javaExecutable() {
		return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static boolean isEnding(Process process) {
		try {
			return process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return true;
		}
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
		return start(command, environment, logFile, RotatingLog.DEFAULT);
	}

	static Process start(List<String> command, Map<String, String> environment, Path logFile, RotatingLog log)
			throws IOException {
		Files.createDirectories(logFile.getParent());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().putAll(environment);
		Process process = builder.start();
		long pid = process.pid();
		Thread copier = new Thread(() -> {
			try {
				log.copy(process.getInputStream(), logFile);
			}
			catch (IOException ex) {
				// stopping a child closes its output stream (Process.destroy does), so a
				// child on its way out ends the copy; anything else is a real failure
				if (!isEnding(process)) {
					throw new UncheckedIOException("Cannot write " + logFile, ex);
				}
			}
			finally {
				// the child's output is all in the log (or lost with the disk)
				copiers.remove(pid);
			}
		}, "log-" + logFile.getFileName());
		copier.setDaemon(true);
		copiers.put(pid, copier);
		copier.start();
		return process;
	}

	/**
	 * Waits until everything the (ended) child wrote is in its log; a JVM that exits next
	 * must not cut the last lines.
	 */
	static void awaitLog(Process process) {
		Thread copier = copiers.get(process.pid());
		if (copier != null) {
			try {
				copier.join(TimeUnit.SECONDS.toMillis(5));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
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
		awaitLog(process);
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
		awaitLog(process);
	}

	/**
	 * The last lines of a (failed) child's log, to show why it failed; waits until its
	 * output is all in the log.
	 */
	static String tail(Process process, Path logFile, int lines) {
		awaitLog(process);
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
