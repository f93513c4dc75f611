package io.tally.localstack;

import java.nio.file.Path;

/**
 * A service jar the stack should run has not been built.
 */
public class MissingServiceJar extends IllegalStateException {

	MissingServiceJar(Service service, Path jar) {
		super(service.id() + " is not built yet: " + jar
				+ " does not exist. Build it with\n    ./mvnw -q -DskipTests package -pl " + service.id()
				+ " -am\n(./run-local.sh does this for you).");
	}

}
