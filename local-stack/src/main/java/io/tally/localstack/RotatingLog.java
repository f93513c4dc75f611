package io.tally.localstack;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Copies a child process's output into a log file that is rotated at a size cap, at a
 * line boundary: {@code x.log} becomes {@code x.log.1}, older files move up one number
 * and the one beyond {@code keep} is deleted. A stack that runs for weeks keeps at most
 * {@code (keep + 1) × maxBytes} (plus one line) per child.
 *
 * @param maxBytes size at which the current file is rotated
 * @param keep how many rotated files are kept
 */
record RotatingLog(long maxBytes, int keep) {

	/** The local stack's limits: 10 MB per file, five old files (60 MB per child). */
	static final RotatingLog DEFAULT = new RotatingLog(10L * 1024 * 1024, 5);

	/** Longest piece written as one line; longer lines are split. */
	private static final int MAX_LINE = 64 * 1024;

	RotatingLog {
		if (maxBytes < 1 || keep < 1) {
			throw new IllegalArgumentException("maxBytes and keep must be positive");
		}
	}

	/**
	 * Copies {@code source} to {@code file} until the source ends; writes whole lines and
	 * flushes whenever the source has nothing more to give at once.
	 */
	void copy(InputStream source, Path file) throws IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		InputStream in = new BufferedInputStream(source, 64 * 1024);
		ByteArrayOutputStream line = new ByteArrayOutputStream(512);
		long size = Files.exists(file) ? Files.size(file) : 0;
		OutputStream out = open(file);
		try {
			for (int b = in.read(); b >= 0; b = in.read()) {
				line.write(b);
				if (b != '\n' && line.size() < MAX_LINE) {
					continue;
				}
				if (size > 0 && size + line.size() > this.maxBytes) {
					out.close();
					rotate(file);
					out = open(file);
					size = 0;
				}
				line.writeTo(out);
				size += line.size();
				line.reset();
				if (in.available() == 0) {
					out.flush();
				}
			}
			line.writeTo(out);
		}
		finally {
			out.close();
		}
	}

	/** The n-th rotated file ({@code x.log.n}). */
	static Path rotated(Path file, int n) {
		return file.resolveSibling(file.getFileName() + "." + n);
	}

	private void rotate(Path file) throws IOException {
		Files.deleteIfExists(rotated(file, this.keep));
		for (int n = this.keep - 1; n >= 1; n--) {
			if (Files.exists(rotated(file, n))) {
				Files.move(rotated(file, n), rotated(file, n + 1), StandardCopyOption.REPLACE_EXISTING);
			}
		}
		Files.move(file, rotated(file, 1), StandardCopyOption.REPLACE_EXISTING);
	}

	private static OutputStream open(Path file) throws IOException {
		return Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
	}

}
