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
 */
record RegistryConnection(List<URI> baseUrls, Duration connectTimeout, Duration requestTimeout,
		Optional<String> userInfo) {

	Optional<String> authorizationHeader() {
		return this.userInfo
			.map((info) -> "Basic " + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8)));
	}

}
