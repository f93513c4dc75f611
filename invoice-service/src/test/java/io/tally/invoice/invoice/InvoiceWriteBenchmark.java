package io.tally.invoice.invoice;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import io.tally.invoice.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Invoice creations per second through the REST API with the relay running (concurrent
 * java.net.http clients). Prints figures; asserts only that the work completed. Run:
 * {@code ./mvnw -B -pl invoice-service -am verify
 * -Dtest=InvoiceWriteBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class InvoiceWriteBenchmark extends ServiceIntegrationTest {

	private static final int THREADS = Integer.getInteger("bench.threads", 8);

	private static final int REQUESTS = Integer.getInteger("bench.requests", 20_000);

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void createsInvoicesConcurrently() throws Exception {
		run(1_000); // warm-up: JIT, connection pools, schema ids
		await().atMost(Duration.ofMinutes(1)).until(() -> pending() == 0);

		long start = System.nanoTime();
		long failures = run(REQUESTS);
		double seconds = (System.nanoTime() - start) / 1e9;
		long drainStart = System.nanoTime();
		await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20)).until(() -> pending() == 0);
		double drainAfter = (System.nanoTime() - drainStart) / 1e9;
		assertThat(failures).isZero();
		System.out.printf(Locale.ROOT,
				"%nInvoiceWriteBenchmark: %,d creations with %d threads in %.2f s = %,.0f writes/s; "
						+ "outbox empty %.2f s after the last write%n%n",
				REQUESTS, THREADS, seconds, REQUESTS / seconds, drainAfter);
	}

	private long pending() {
		return this.jdbc.queryForObject("SELECT count(*) FROM outbox", Long.class);
	}

	private long run(int requests) throws Exception {
		AtomicLong remaining = new AtomicLong(requests);
		AtomicLong failures = new AtomicLong();
		ExecutorService pool = Executors.newFixedThreadPool(THREADS);
		try {
			List<Future<?>> clients = new ArrayList<>();
			for (int t = 0; t < THREADS; t++) {
				UUID customer = UUID.randomUUID();
				clients.add(pool.submit(() -> {
					while (remaining.getAndDecrement() > 0) {
						HttpRequest request = HttpRequest.newBuilder(uri("/api/invoices"))
							.header("Content-Type", "application/json")
							.POST(HttpRequest.BodyPublishers
								.ofString("{\"customerId\":\"" + customer + "\",\"amountMinor\":15795}"))
							.build();
						HttpResponse<Void> response = HTTP.send(request, HttpResponse.BodyHandlers.discarding());
						if (response.statusCode() != 201) {
							failures.incrementAndGet();
						}
					}
					return null;
				}));
			}
			for (Future<?> client : clients) {
				client.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
		return failures.get();
	}

}
