package io.tally.events.serde;

import io.tally.events.InvoiceCreated;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Lets Avro instantiate this contract's generated classes. Avro 1.12 loads a class a
 * schema names (reading, copying a record) only if it is trusted, else a specific reader
 * fails on every record; the deserializer and {@code InvoiceEventType} trust the
 * generated package here when they are first used, so no JVM needs
 * {@code -Dorg.apache.avro.SERIALIZABLE_PACKAGES}. Whatever else that property or another
 * library trusts stays trusted.
 */
public final class TrustedClasses {

	/** The package of the generated event classes. */
	static final String GENERATED_PACKAGE = InvoiceCreated.class.getPackageName();

	private static boolean installed;

	private TrustedClasses() {
	}

	/** Adds the generated package to Avro's trusted classes, once per JVM. */
	public static synchronized void trustGeneratedClasses() {
		if (installed) {
			return;
		}
		ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(),
				(type) -> GENERATED_PACKAGE.equals(type.getPackageName())));
		installed = true;
	}

}
