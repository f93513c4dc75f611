package io.tally.revenue.freshness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A minimal Server-Sent Events client over a real socket: each complete event lands in a
 * queue with the time it arrived.
 */
final class SseClient implements AutoCloseable {

	private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

	private final HttpResponse<InputStream> response;

	private final Thread reader;

	SseClient(String url) throws IOException, InterruptedException {
		this.response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream").build(),
					HttpResponse.BodyHandlers.ofInputStream());
		this.reader = new Thread(this::read, "sse-client");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	/** The response status. */
	int status() {
		return this.response.statusCode();
	}

	/** The next event, or {@code null} after {@code timeout}. */
	Event next(Duration timeout) throws InterruptedException {
		return this.events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void read() {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(this.response.body(), StandardCharsets.UTF_8))) {
			String name = "message";
			StringBuilder data = new StringBuilder();
			String line;
			while ((line = lines.readLine()) != null) {
				if (line.isEmpty()) {
					if (data.length() > 0) {
						this.events.add(new Event(name, data.toString(), System.nanoTime()));
					}
					name = "message";
					data.setLength(0);
				}
				else if (line.startsWith("event:")) {
					name = line.substring(6).trim();
				}
				else if (line.startsWith("data:")) {
					data.append((data.length() > 0) ? "\n" : "").append(line.substring(5).trim());
				}
			}
		}
		catch (IOException ex) {
			// closed
		}
	}

	@Override
	public void close() throws IOException {
		this.response.body().close();
	}

	/**
	 * One event.
	 *
	 * @param name the event name
	 * @param data the data lines joined
	 * @param receivedNanos {@link System#nanoTime()} when it was complete
	 */
	record Event(String name, String data, long receivedNanos) {
	}

}
