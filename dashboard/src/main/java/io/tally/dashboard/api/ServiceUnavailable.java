package io.tally.dashboard.api;

/**
 * A service could not be reached or answered that it cannot serve now (5xx): the page
 * says so and asks the browser to retry, instead of failing with 500.
 */
public class ServiceUnavailable extends RuntimeException {

	private final String service;

	public ServiceUnavailable(String service, Throwable cause) {
		super(service + " is not available", cause);
		this.service = service;
	}

	ServiceUnavailable(String service, int status) {
		super(service + " answered " + status);
		this.service = service;
	}

	/** Which service, e.g. {@code revenue-service}. */
	public String service() {
		return this.service;
	}

}
