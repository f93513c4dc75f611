package io.tally.load.http;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/**
 * The harness's HTTP client next to the JDK's two, on one GET endpoint of a running
 * service: requests per second and the client's CPU per request (the harness shares the
 * cores with the system it measures, so the second figure is what matters). Compare with
 * wrk on the same endpoint (module README). Not a test; run:
 * {@code ./mvnw -B -pl load -am verify -Dtest=HttpClientBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -Dbench.url=http://localhost:8082/api/revenue/summary}
 * (also {@code -Dbench.connections=32 -Dbench.seconds=10}).
 */
class HttpClientBenchmark {

	private static final String URL_TO_GET = System.getProperty("bench.url",
			"http://localhost:8082/api/revenue/summary");

	private static final int CONNECTIONS = Integer.getInteger("bench.connections", 32);

	private static final int SECONDS = Integer.getInteger("bench.seconds", 10);

	@FunctionalInterface
	interface Client {

		/** One GET on this thread's connection; the status code. */
		int get() throws Exception;

	}

	@Test
	void comparesClients() throws Exception {
		// the JDK keeps only 5 idle connections per host unless told otherwise
		System.setProperty("http.maxConnections", Integer.toString(CONNECTIONS * 2));
		Endpoint endpoint = Endpoint.of(URL_TO_GET);
		URI uri = URI.create(URL_TO_GET);
		String path = uri.getRawPath() + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
		HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		HttpRequest request = HttpRequest.newBuilder(uri).GET().build();
		URL url = uri.toURL();
		List<String> lines = new ArrayList<>();
		for (int round = 0; round < 2; round++) {
			// round 0 warms the JIT compiler up; round 1 counts
			boolean counted = round == 1;
			run("socket (load harness)", counted, lines, () -> {
				HttpConnection connection = new HttpConnection(endpoint, 10_000, Authorization.NONE);
				return () -> connection.get(path.substring(endpoint.basePath().length())).status();
			});
			run("HttpURLConnection", counted, lines, () -> () -> {
				HttpURLConnection connection = (HttpURLConnection) url.openConnection();
				int status = connection.getResponseCode();
				try (InputStream body = (status < 400) ? connection.getInputStream() : connection.getErrorStream()) {
					if (body != null) {
						body.readAllBytes();
					}
				}
				return status;
			});
			run("java.net.http", counted, lines,
					() -> () -> jdk.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode());
		}
		System.out.printf(Locale.ROOT, "%nHttpClientBenchmark: GET %s, %d connections, %d s each%n%s%n", URL_TO_GET,
				CONNECTIONS, SECONDS, String.join("\n", lines));
	}

	@FunctionalInterface
	interface ClientFactory {

		Client newClient() throws IOException;

	}

	private static void run(String name, boolean counted, List<String> lines, ClientFactory factory) throws Exception {
		AtomicLong ok = new AtomicLong();
		AtomicLong failed = new AtomicLong();
		long end = System.nanoTime() + SECONDS * 1_000_000_000L;
		List<Thread> threads = new ArrayList<>();
		long cpuBefore = cpu();
		long start = System.nanoTime();
		for (int i = 0; i < CONNECTIONS; i++) {
			Client client = factory.newClient();
			Thread thread = new Thread(() -> {
				while (System.nanoTime() < end) {
					try {
						if (client.get() == 200) {
							ok.incrementAndGet();
						}
						else {
							failed.incrementAndGet();
						}
					}
					catch (Exception ex) {
						failed.incrementAndGet();
					}
				}
			});
			threads.add(thread);
			thread.start();
		}
		for (Thread thread : threads) {
			thread.join();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		double cpuSeconds = (cpu() - cpuBefore) / 1e9;
		if (counted) {
			lines.add(String.format(Locale.ROOT,
					"  %-22s %,9.0f requests/s  client CPU %5.1f µs/request (%.2f cores)  failed %d", name,
					ok.get() / seconds, cpuSeconds * 1e6 / Math.max(1, ok.get()), cpuSeconds / seconds, failed.get()));
		}
	}

	private static long cpu() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

}
