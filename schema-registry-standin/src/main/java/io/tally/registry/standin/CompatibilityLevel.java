package io.tally.registry.standin;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Confluent's compatibility levels, checked with Avro's {@link SchemaCompatibility}.
 */
enum CompatibilityLevel {

	NONE(false, false, false), BACKWARD(true, false, false), BACKWARD_TRANSITIVE(true, false, true),
	FORWARD(false, true, false), FORWARD_TRANSITIVE(false, true, true), FULL(true, true, false),
	FULL_TRANSITIVE(true, true, true);

	private final boolean newReadsOld;

	private final boolean oldReadsNew;

	private final boolean transitive;

	CompatibilityLevel(boolean newReadsOld, boolean oldReadsNew, boolean transitive) {
		this.newReadsOld = newReadsOld;
		this.oldReadsNew = oldReadsNew;
		this.transitive = transitive;
	}

	static CompatibilityLevel parse(String text) {
		try {
			return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw RegistryError.unprocessable(RegistryError.INVALID_COMPATIBILITY_LEVEL,
					"Invalid compatibility level: " + text);
		}
	}

	/**
	 * Why the candidate may not follow the existing versions (oldest first); empty when
	 * it may.
	 */
	List<String> problems(Schema candidate, List<Schema> existingOldestFirst) {
		List<String> problems = new ArrayList<>();
		if (existingOldestFirst.isEmpty()) {
			return problems;
		}
		List<Schema> toCheck = this.transitive ? existingOldestFirst
				: List.of(existingOldestFirst.get(existingOldestFirst.size() - 1));
		for (Schema existing : toCheck) {
			if (this.newReadsOld) {
				collect(problems, SchemaCompatibility.checkReaderWriterCompatibility(candidate, existing),
						"new schema cannot read data written with an earlier one");
			}
			if (this.oldReadsNew) {
				collect(problems, SchemaCompatibility.checkReaderWriterCompatibility(existing, candidate),
						"an earlier schema cannot read data written with the new one");
			}
		}
		return problems;
	}

	private static void collect(List<String> problems, SchemaPairCompatibility result, String what) {
		if (result.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
			result.getResult()
				.getIncompatibilities()
				.forEach((incompatibility) -> problems.add(what + ": " + incompatibility.getType() + " at "
						+ incompatibility.getLocation() + " (" + incompatibility.getMessage() + ")"));
		}
	}

}
