package io.tally.localstack;

/**
 * The two Tally services the stack runs, each from its Spring Boot jar in its own JVM.
 */
public enum Service {

	INVOICE_SERVICE("invoice-service", "invoices", 8080), REVENUE_SERVICE("revenue-service", "revenue", 8082);

	private final String id;

	private final String database;

	private final int defaultPort;

	Service(String id, String database, int defaultPort) {
		this.id = id;
		this.database = database;
		this.defaultPort = defaultPort;
	}

	/** The module and jar name, e.g. {@code invoice-service}. */
	public String id() {
		return this.id;
	}

	/** The PostgreSQL database the service owns. */
	public String database() {
		return this.database;
	}

	int defaultPort() {
		return this.defaultPort;
	}

	/** The service named {@code id}, e.g. {@code revenue-service}. */
	public static Service fromId(String id) {
		for (Service service : values()) {
			if (service.id.equals(id)) {
				return service;
			}
		}
		throw new IllegalArgumentException(
				"Unknown service '" + id + "' (expected invoice-service or revenue-service)");
	}

}
