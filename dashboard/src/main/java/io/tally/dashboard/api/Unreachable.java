package io.tally.dashboard.api;

import java.io.IOException;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Turns a refused or timed-out connection to a service into {@link ServiceUnavailable}.
 */
final class Unreachable implements ClientHttpRequestInterceptor {

	private final String service;

	Unreachable(String service) {
		this.service = service;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution) {
		try {
			return execution.execute(request, body);
		}
		catch (IOException ex) {
			throw new ServiceUnavailable(this.service, ex);
		}
	}

}
