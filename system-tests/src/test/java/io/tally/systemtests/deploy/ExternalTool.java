package io.tally.systemtests.deploy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A command-line tool the static checks run ({@code kubectl}, {@code promtool}): found on
 * the {@code PATH}, or the check is reported as skipped, naming what to install.
 *
 * @param executable the tool's path
 */
record ExternalTool(Path executable) {

	/** The tool, or an aborted (skipped) test saying how to get it. */
	static ExternalTool require(String name, String howToInstall) {
		Optional<ExternalTool> tool = find(name);
		Assumptions.assumeTrue(tool.isPresent(), () -> name + " is not on the PATH: " + howToInstall);
		return tool.get();
	}

	static Optional<ExternalTool> find(String name) {
		String path = System.getenv().getOrDefault("PATH", "");
		for (String directory : path.split(File.pathSeparator)) {
			Path candidate = Path.of(directory.isEmpty() ? "." : directory, name);
			if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
				return Optional.of(new ExternalTool(candidate));
			}
		}
		return Optional.empty();
	}

	/** Runs the tool in {@code directory}. */
	Result run(Path directory, String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(this.executable.toString());
		command.addAll(List.of(arguments));
		try {
			Path errors = Files.createTempFile("tally-tool", ".err");
			try {
				Process process = new ProcessBuilder(command).directory(directory.toFile())
					.redirectError(errors.toFile())
					.start();
				String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				if (!process.waitFor(120, TimeUnit.SECONDS)) {
					process.destroyForcibly();
					throw new IllegalStateException(String.join(" ", command) + " did not finish in 120 s");
				}
				return new Result(process.exitValue(), output, Files.readString(errors));
			}
			finally {
				Files.deleteIfExists(errors);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * What a run printed and how it ended.
	 *
	 * @param exitCode the exit code
	 * @param output what it printed on stdout
	 * @param errors what it printed on stderr
	 */
	record Result(int exitCode, String output, String errors) {

		/**
		 * The stdout of a successful run; a failed run fails the test with all it
		 * printed.
		 */
		String expectSuccess(String what) {
			if (this.exitCode != 0) {
				throw new AssertionError(what + " exited with " + this.exitCode + ":\n" + this.output + this.errors);
			}
			return this.output;
		}

	}

}
