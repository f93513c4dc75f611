package io.tally.systemtests.deploy;

import java.util.List;
import java.util.Map;

/**
 * The shared contract the deployment files must follow (the project's ports and scopes).
 */
final class Contract {

	/** API port and management (actuator) port of each deployable. */
	static final Map<String, List<Integer>> PORTS = Map.of("invoice-service", List.of(8080, 8180), "revenue-service",
			List.of(8082, 8182), "dashboard", List.of(8083, 8183));

	/** The OAuth2 scopes of Tally's APIs. */
	static final List<String> SCOPES = List.of("invoices:read", "invoices:write", "revenue:read", "ops:admin");

	private Contract() {
	}

}
