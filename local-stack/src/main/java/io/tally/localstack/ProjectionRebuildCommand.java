package io.tally.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./run-local.sh --rebuild-projection}: asks a running revenue-service to rebuild
 * its projection ({@code POST /api/ops/projection/rebuild}) and prints the progress of
 * {@code GET /api/ops/projection} every second until the rebuild has ended.
 */
final class ProjectionRebuildCommand {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration POLL = Duration.ofSeconds(1);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String revenueServiceUrl;

	private final Supplier<String> authorization;

	private final PrintStream out;

	/**
	 * @param revenueServiceUrl where revenue-service answers
	 * @param authorization the {@code Authorization} header's value (a token with
	 * {@code ops:admin}), or null to send none
	 * @param out where progress goes
	 */
	ProjectionRebuildCommand(String revenueServiceUrl, Supplier<String> authorization, PrintStream out) {
		this.revenueServiceUrl = revenueServiceUrl;
		this.authorization = authorization;
		this.out = out;
	}

	/**
	 * True when the rebuild switched the tables, false when it failed or was cancelled.
	 */
	boolean run() throws IOException, InterruptedException {
		HttpResponse<String> started = send(
				request("/api/ops/projection/rebuild").POST(HttpRequest.BodyPublishers.noBody()).build());
		JsonNode body = JSON.readTree(started.body());
		if (started.statusCode() != 202) {
			throw new IllegalStateException("revenue-service answered " + started.statusCode() + ": "
					+ body.path("detail").asString(started.body()));
		}
		long id = body.get("id").asLong();
		this.out.printf("Rebuild %d started (consumer group %s); reads keep being served from the live tables%n", id,
				body.path("consumerGroup").asString());
		while (true) {
			Thread.sleep(POLL.toMillis());
			HttpResponse<String> answer = send(request("/api/ops/projection").GET().build());
			if (answer.statusCode() != 200) {
				throw new IllegalStateException(
						"revenue-service answered " + answer.statusCode() + ": " + answer.body());
			}
			JsonNode status = JSON.readTree(answer.body());
			JsonNode last = status.path("last");
			if (last.path("id").asLong(-1) == id) {
				String state = last.path("state").asString();
				this.out.printf("Rebuild %d %s: %s%n", id, state, last.path("detail").asString(""));
				return "SUCCEEDED".equals(state);
			}
			JsonNode current = status.path("current");
			JsonNode progress = current.path("progress");
			this.out.printf("  %,d records applied, %s to the end of the topic, %,d behind the live tables, ETA %s%n",
					current.path("recordsApplied").asLong(),
					progress.path("lagRecords").isNumber() ? String.format("%,d", progress.path("lagRecords").asLong())
							: "?",
					progress.path("behindLiveRecords").asLong(),
					progress.path("etaSeconds").isNumber() ? progress.path("etaSeconds").asLong() + " s" : "?");
		}
	}

	private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("revenue-service does not answer at " + this.revenueServiceUrl
					+ " (is the stack running? pass its --revenue-port)", ex);
		}
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.revenueServiceUrl + path))
			.timeout(Duration.ofSeconds(30));
		if (this.authorization != null) {
			request.header("Authorization", this.authorization.get());
		}
		return request;
	}

}
