package io.tally.localstack;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Properties;

/**
 * Generated secrets and the owner-only files that keep them in the state directory (the
 * identity provider's and the broker's): a directory {@code rwx------}, files
 * {@code rw-------}, replaced atomically.
 */
final class SecretFiles {

	// no 0/o, 1/l: read from a terminal and typed into a form
	private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

	private static final SecureRandom random = new SecureRandom();

	private SecretFiles() {
	}

	/** {@code length} random characters, 5 bits each. */
	static String randomText(int length) {
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return text.toString();
	}

	/** The properties kept in {@code file}; none if it does not exist. */
	static Properties load(Path file) throws IOException {
		Properties saved = new Properties();
		if (Files.exists(file)) {
			try (Reader reader = Files.newBufferedReader(file)) {
				saved.load(reader);
			}
		}
		return saved;
	}

	/**
	 * Writes {@code key=value} lines after {@code header} (comment lines) to an
	 * owner-only file in an owner-only directory.
	 */
	static void write(Path file, String header, Map<String, String> values) throws IOException {
		StringBuilder text = new StringBuilder(header);
		values.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
		writeText(file, text.toString());
	}

	/** Writes {@code text} to an owner-only file in an owner-only directory. */
	static void writeText(Path file, String text) throws IOException {
		Path directory = file.toAbsolutePath().getParent();
		Files.createDirectories(directory);
		boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
		if (posix) {
			Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
		}
		Path temporary = posix
				? Files.createTempFile(directory, "." + file.getFileName(), ".tmp",
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
				: Files.createTempFile(directory, "." + file.getFileName(), ".tmp");
		Files.writeString(temporary, text);
		Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

}
