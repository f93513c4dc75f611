package io.tally.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RSA key that signs every token, kept in a JSON Web Key file so that tokens stay
 * valid across restarts. Created on first start, readable by its owner only; its key id
 * is the key's thumbprint, hence stable.
 */
final class SigningKey {

	private static final Logger log = LoggerFactory.getLogger(SigningKey.class);

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

	private SigningKey() {
	}

	/** The key in {@code file}, created there first if the file does not exist. */
	static RSAKey loadOrCreate(Path file) {
		try {
			if (!Files.exists(file)) {
				create(file);
			}
			JWK key = JWK.parse(Files.readString(file));
			if (!(key instanceof RSAKey rsa) || !rsa.isPrivate()) {
				throw new IllegalStateException(file + " holds no RSA private key (expected a JSON Web Key)");
			}
			warnIfReadableByOthers(file);
			log.info("Signing tokens with key {} from {}", rsa.getKeyID(), file);
			return rsa;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or create the signing key " + file, ex);
		}
		catch (ParseException ex) {
			throw new IllegalStateException(file + " is not a JSON Web Key: " + ex.getMessage(), ex);
		}
	}

	private static void create(Path file) throws IOException {
		RSAKey key;
		try {
			key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.keyIDFromThumbprint(true)
				.generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot generate an RSA key", ex);
		}
		Path directory = file.toAbsolutePath().getParent();
		Files.createDirectories(directory);
		// written under another name first, owner-only from the start, then moved into
		// place: a crash leaves no half-written key, and no one else ever can read it
		Path temporary = posix()
				? Files.createTempFile(directory, ".signing-key", ".tmp",
						PosixFilePermissions.asFileAttribute(OWNER_ONLY))
				: Files.createTempFile(directory, ".signing-key", ".tmp");
		try {
			Files.writeString(temporary, key.toJSONString());
			Files.move(temporary, file);
			log.info("Created signing key {} in {}", key.getKeyID(), file);
		}
		catch (FileAlreadyExistsException ex) {
			// another instance created it a moment ago: use theirs
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	private static void warnIfReadableByOthers(Path file) throws IOException {
		if (posix() && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file))) {
			log.warn("Signing key file {} is readable by others: chmod 600 it", file);
		}
	}

	private static boolean posix() {
		return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
	}

}
