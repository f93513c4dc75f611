package io.tally.localstack;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A child's output goes to its log file, which is rotated at a size cap instead of
 * growing without bound; no line is split or lost on the way.
 */
class ChildLogRotationTest {

	private static final long CAP = 10L * 1024 * 1024;

	@Test
	void rotatesTheLogOfAChildThatWritesPastTheCap() throws Exception {
		Path logFile = Files.createDirectories(Path.of("target", "rotation-" + System.nanoTime()))
			.resolve("chatter.log");
		int lines = 250_000;
		// 100-byte lines: 25 MB, two and a half times the cap
		List<String> command = ChildProcesses.javaCommand(List.of("-Xmx64m"));
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), Chatter.class.getName(),
				Integer.toString(lines), "99"));

		Process chatter = ChildProcesses.start(command, logFile);
		assertThat(chatter.waitFor(2, TimeUnit.MINUTES)).isTrue();
		ChildProcesses.awaitLog(chatter);

		Path first = logFile.resolveSibling("chatter.log.1");
		Path second = logFile.resolveSibling("chatter.log.2");
		assertThat(first).exists();
		assertThat(second).exists();
		for (Path file : List.of(logFile, first, second)) {
			assertThat(Files.size(file)).as("size of %s", file).isLessThanOrEqualTo(CAP);
		}
		List<String> kept = new ArrayList<>();
		for (Path file : List.of(second, first, logFile)) {
			kept.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
		}
		assertThat(kept).hasSize(lines);
		for (int i = 0; i < lines; i++) {
			assertThat(kept.get(i)).startsWith(String.format("line %08d ", i)).hasSize(99);
		}
	}

	@Test
	void keepsOnlyTheNewestRotatedFiles() throws IOException {
		Path logFile = Files.createDirectories(Path.of("target", "rotation-" + System.nanoTime())).resolve("x.log");
		StringBuilder output = new StringBuilder();
		for (int i = 0; i < 100; i++) {
			output.append(String.format("line %03d%n", i));
		}

		new RotatingLog(100, 2).copy(new ByteArrayInputStream(output.toString().getBytes(StandardCharsets.UTF_8)),
				logFile);

		assertThat(RotatingLog.rotated(logFile, 1)).exists();
		assertThat(RotatingLog.rotated(logFile, 2)).exists();
		assertThat(RotatingLog.rotated(logFile, 3)).doesNotExist();
		List<String> kept = new ArrayList<>();
		for (Path file : List.of(RotatingLog.rotated(logFile, 2), RotatingLog.rotated(logFile, 1), logFile)) {
			assertThat(Files.size(file)).as("size of %s", file).isLessThanOrEqualTo(100);
			kept.addAll(Files.readAllLines(file));
		}
		// the newest lines, in order, with nothing missing in between
		int first = 100 - kept.size();
		assertThat(first).isPositive();
		for (int i = 0; i < kept.size(); i++) {
			assertThat(kept.get(i)).isEqualTo(String.format("line %03d", first + i));
		}
	}

}
