package io.tally.dashboard.live;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.Stream;

import io.tally.dashboard.security.ServiceTokens;

/**
 * Opens {@code GET /api/revenue/stream} with the dashboard's own client-credentials token
 * (fetched anew for every connection, so an expired one is never reused).
 */
final class HttpUpstream implements RevenueStream.Upstream {

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final URI stream;

	private final ServiceTokens tokens;

	HttpUpstream(URI revenueServiceUrl, ServiceTokens tokens) {
		this.stream = revenueServiceUrl.resolve("/api/revenue/stream");
		this.tokens = tokens;
	}

	@Override
	public Stream<String> open() throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(this.stream)
			.header("Accept", "text/event-stream")
			.header("Authorization", "Bearer " + this.tokens.revenueStream())
			.GET()
			.build();
		HttpResponse<Stream<String>> response = this.http.send(request, HttpResponse.BodyHandlers.ofLines());
		if (response.statusCode() != 200) {
			response.body().close();
			throw new IOException("revenue-service answered " + response.statusCode());
		}
		return response.body();
	}

}
