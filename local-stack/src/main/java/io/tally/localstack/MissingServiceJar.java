package io.tally.localstack;

import java.nio.file.Path;

/**
 * A jar the stack should run (a service's or the auth-server's) has not been built.
 */
public class MissingServiceJar extends IllegalStateException {

	MissingServiceJar(String module, Path jar) {
		super(module + " is not built yet: " + jar
				+ " does not exist. Build it with\n    ./mvnw -q -DskipTests package -pl " + module
				+ " -am\n(./run-local.sh does this for you).");
	}

}
