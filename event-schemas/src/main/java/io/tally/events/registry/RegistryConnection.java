package io.tally.events.registry;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Where and how to reach an HTTP schema registry.
 *
 * @param baseUrls the registry URLs, tried in order when one is unreachable
 * @param connectTimeout limit on opening a connection
 * @param requestTimeout limit on one request, from sending to the whole answer
 * @param userInfo {@code user:password} for basic auth, if any
 * @param retries how often a request answered with 408, 429 or 5xx is sent again
 * @param retryWait the wait before the first retry, doubled for each further one
 * @param retryMaxWait the longest wait before a retry
 */
record RegistryConnection(List<URI> baseUrls, Duration connectTimeout, Duration requestTimeout,
		Optional<String> userInfo, int retries, Duration retryWait, Duration retryMaxWait) {

	/** The wait before retry number {@code retry} (from 1). */
	Duration waitBefore(int retry) {
		long millis = this.retryWait.toMillis() << Math.min(retry - 1, 20);
		return Duration.ofMillis(Math.min(millis, this.retryMaxWait.toMillis()));
	}

	Optional<String> authorizationHeader() {
		return this.userInfo
			.map((info) -> "Basic " + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8)));
	}

}
