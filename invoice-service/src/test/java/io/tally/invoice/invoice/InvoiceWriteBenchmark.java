package io.tally.invoice.invoice;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

import io.tally.events.testing.InvoiceEvents;
import io.tally.invoice.ServiceIntegrationTest;
import io.tally.support.security.Scopes;
import io.tally.testsupport.TestInfrastructure;
import io.tally.support.tracing.testing.BenchmarkTracing;
import io.tally.support.tracing.testing.RecordedSpans;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Invoice creations per second through the REST API with the relay running (concurrent
 * java.net.http clients). Prints figures, with the database's durability settings;
 * asserts only that the work completed. Run:
 * {@code ./mvnw -B -pl invoice-service -am verify
 * -Dtest=InvoiceWriteBenchmark -Dsurefire.failIfNoSpecifiedTests=false}; add
 * {@code -Dtally.test.postgres.durability=durable} to measure with commits that reach the
 * disk (the local stack's settings) instead of the tests' fast ones.
 */
class InvoiceWriteBenchmark extends ServiceIntegrationTest {

	/** Its own client: the load generator discards bodies, for speed. */
	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static final int THREADS = Integer.getInteger("bench.threads", 8);

	private static final int REQUESTS = Integer.getInteger("bench.requests", 20_000);

	private static final int WARMUP = Integer.getInteger("bench.warmup", 10_000);

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	Serializer<Object> serializer;

	@Autowired
	RecordedSpans spans;

	@DynamicPropertySource
	static void tracing(DynamicPropertyRegistry registry) {
		BenchmarkTracing.register(registry);
	}

	@Test
	void createsInvoicesConcurrently() throws Exception {
		// warm-up: on a busy 2-core machine C2 needs ~10k requests before the figures
		// settle
		run(WARMUP);
		await().atMost(Duration.ofMinutes(1)).until(() -> pending() == 0);
		this.spans.reset();
		long spansBefore = this.spans.recorded();

		long start = System.nanoTime();
		long failures = run(REQUESTS);
		double seconds = (System.nanoTime() - start) / 1e9;
		long drainStart = System.nanoTime();
		await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20)).until(() -> pending() == 0);
		double drainAfter = (System.nanoTime() - drainStart) / 1e9;
		assertThat(failures).isZero();
		long spansRecorded = this.spans.recorded() - spansBefore;
		this.spans.reset();

		// the same transaction shape straight over JDBC (invoice insert + outbox insert,
		// relay running), same moment
		runSql(WARMUP / 2);
		long sqlStart = System.nanoTime();
		runSql(REQUESTS);
		double sqlSeconds = (System.nanoTime() - sqlStart) / 1e9;
		await().atMost(Duration.ofMinutes(5)).until(() -> pending() == 0);
		System.out.printf(Locale.ROOT,
				"%nInvoiceWriteBenchmark (PostgreSQL fsync=%s, synchronous_commit=%s, full_page_writes=%s): "
						+ "%,d creations with %d threads in %.2f s = %,.0f writes/s through REST; "
						+ "outbox empty %.2f s after the last write; same transactions over plain JDBC: %,.0f tx/s "
						+ "(REST = %.0f%% of it); tracing %s, %,d spans recorded in the measured run%n%n",
				show("fsync"), show("synchronous_commit"), show("full_page_writes"), REQUESTS, THREADS, seconds,
				REQUESTS / seconds, drainAfter, REQUESTS / sqlSeconds, 100 * sqlSeconds / seconds,
				BenchmarkTracing.mode(), spansRecorded);
	}

	private void runSql(int transactions) throws Exception {
		Instant now = Instant.now();
		InvoiceEvent sample = new InvoiceEvent.Created(UUID.randomUUID(), now,
				new Invoice(UUID.randomUUID(), UUID.randomUUID(), 15795, "USD", InvoiceStatus.PENDING, LocalDate.now(),
						null, 1, now, now, null, null));
		byte[] payload = this.serializer.serialize("invoice-events", InvoiceEvents.created(sample.invoice().id(),
				sample.invoice().customerId(), 15795, "USD", LocalDate.now()));
		AtomicLong remaining = new AtomicLong(transactions);
		ExecutorService pool = Executors.newFixedThreadPool(THREADS);
		try {
			List<Future<?>> clients = new ArrayList<>();
			for (int t = 0; t < THREADS; t++) {
				clients.add(pool.submit(() -> {
					try (Connection connection = this.dataSource.getConnection();
							PreparedStatement invoice = connection.prepareStatement(
									"INSERT INTO invoice (id, customer_id, amount_minor, currency, status, issue_date, paid_at, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
							PreparedStatement outbox = connection.prepareStatement(
									"INSERT INTO outbox (record_key, event_id, event_type, invoice_version, payload) VALUES (?, ?, ?, ?, ?)")) {
						connection.setAutoCommit(false);
						UUID customer = UUID.randomUUID();
						while (remaining.getAndDecrement() > 0) {
							UUID id = UUID.randomUUID();
							Timestamp at = Timestamp.from(Instant.now());
							invoice.setObject(1, id);
							invoice.setObject(2, customer);
							invoice.setLong(3, 15795);
							invoice.setString(4, "USD");
							invoice.setString(5, "PENDING");
							invoice.setObject(6, LocalDate.now());
							invoice.setNull(7, Types.TIMESTAMP_WITH_TIMEZONE);
							invoice.setLong(8, 1);
							invoice.setTimestamp(9, at);
							invoice.setTimestamp(10, at);
							invoice.executeUpdate();
							outbox.setString(1, id.toString());
							outbox.setObject(2, UUID.randomUUID());
							outbox.setString(3, "InvoiceCreated");
							outbox.setLong(4, 1);
							outbox.setBytes(5, payload);
							outbox.executeUpdate();
							connection.commit();
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
	}

	private String show(String setting) {
		return this.jdbc.queryForObject("SHOW " + setting, String.class);
	}

	private long pending() {
		return this.jdbc.queryForObject("SELECT count(*) FROM outbox", Long.class);
	}

	private long run(int requests) throws Exception {
		AtomicLong remaining = new AtomicLong(requests);
		AtomicLong failures = new AtomicLong();
		// a real token on every request, as clients send it (valid for the whole run)
		String token = TestInfrastructure.issuer().bearer(Scopes.INVOICES_WRITE);
		ExecutorService pool = Executors.newFixedThreadPool(THREADS);
		try {
			List<Future<?>> clients = new ArrayList<>();
			for (int t = 0; t < THREADS; t++) {
				UUID customer = UUID.randomUUID();
				clients.add(pool.submit(() -> {
					while (remaining.getAndDecrement() > 0) {
						HttpRequest request = HttpRequest.newBuilder(uri("/api/invoices"))
							.header("Content-Type", "application/json")
							.header("Authorization", token)
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
