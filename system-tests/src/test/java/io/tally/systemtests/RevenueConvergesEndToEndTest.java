package io.tally.systemtests;

import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.tally.localstack.LocalStack;
import io.tally.localstack.Service;
import io.tally.testsupport.http.JsonHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole system as separate processes — a KRaft broker, PostgreSQL, the schema
 * registry, the auth-server, invoice-service and revenue-service from their jars — on
 * random ports: after a scripted scenario and after kill -9 of either service, every
 * revenue endpoint equals the figures recomputed from invoice-service's final state.
 * Every API call carries a client-credentials token from the auth-server. The stack is
 * shared with the browser tests, which run after this one.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// first on the shared stack: it checks that invoice-service holds exactly what its script
// created
@Order(1)
class RevenueConvergesEndToEndTest {

	private static final Duration CONVERGENCE = Duration.ofMinutes(2);

	private static final List<String> CUSTOMERS = IntStream.range(0, 8)
		.mapToObj((i) -> UUID.randomUUID().toString())
		.toList();

	private static final YearMonth TO = YearMonth.now(ZoneOffset.UTC);

	private static final YearMonth FROM = TO.minusMonths(15);

	private static LocalStack stack;

	private static InvoiceApi invoices;

	private static RevenueApi revenue;

	private static InvoiceScript script;

	private static long started;

	@BeforeAll
	static void startStack() throws Exception {
		started = System.nanoTime();
		SharedStack shared = SharedStack.get();
		stack = shared.stack();
		invoices = shared.invoices();
		revenue = shared.revenue();
		long seed = Long.getLong("tally.seed", System.nanoTime());
		System.out.println("System test seed " + seed + " (rerun with -Dtally.seed=" + seed + ")");
		script = new InvoiceScript(seed, invoices, CUSTOMERS);
		System.out.printf("Stack up in %d s%n", elapsedSeconds());
	}

	@AfterAll
	static void done() {
		// the stack is shared: every service this test killed runs again, and the stack
		// stops with the JVM
		System.out.printf("System test done in %d s%n", elapsedSeconds());
	}

	@Test
	@Order(1)
	void revenueEqualsFiguresRecomputedFromInvoicesAfterAScriptedScenario() {
		script.createInvoices(240);
		script.changeInvoices(320);
		script.ensureEveryCustomerHasAnInvoice();
		System.out.println("Scenario operations: " + script.counts);

		awaitRevenueMatchesInvoiceState();
		System.out.printf("Scenario converged at %d s%n", elapsedSeconds());
	}

	@Test
	@Order(2)
	void revenueConvergesAfterRevenueServiceIsKilledAndRestarted() throws Exception {
		stack.kill(Service.REVENUE_SERVICE);
		assertThat(stack.isRunning(Service.REVENUE_SERVICE)).isFalse();

		script.changeInvoices(120);
		script.ensureEveryCustomerHasAnInvoice();
		stack.startService(Service.REVENUE_SERVICE);

		awaitRevenueMatchesInvoiceState();
		System.out.printf("Converged after revenue-service kill -9 at %d s%n", elapsedSeconds());
	}

	@Test
	@Order(3)
	void noCommittedChangeIsLostWhenInvoiceServiceIsKilledBetweenWrites() throws Exception {
		AtomicInteger acknowledged = new AtomicInteger();
		ExecutorService writer = Executors.newSingleThreadExecutor();
		Future<Throwable> writing = writer.submit(() -> {
			try {
				while (!Thread.currentThread().isInterrupted()) {
					script.step();
					acknowledged.incrementAndGet();
				}
				return null;
			}
			catch (RuntimeException ex) {
				return ex; // the kill: the request in flight has an unknown outcome
			}
		});
		await().atMost(Duration.ofMinutes(1)).until(() -> acknowledged.get() >= 40);
		stack.kill(Service.INVOICE_SERVICE);
		Throwable failure = writing.get(1, TimeUnit.MINUTES);
		writer.shutdownNow();
		assertThat(failure).as("the writer noticed the crash").isNotNull();
		System.out.printf("invoice-service killed after %d acknowledged writes (writer stopped by: %s)%n",
				acknowledged.get(), failure);

		stack.startService(Service.INVOICE_SERVICE);
		script.resolveInFlight();
		script.changeInvoices(30);
		script.ensureEveryCustomerHasAnInvoice();

		Map<String, Invoice> finalState = invoices.all();
		assertThat(finalState.keySet()).as("every acknowledged invoice exists, no phantom")
			.isEqualTo(script.model.keySet());
		script.model.forEach((id, acknowledgedState) -> assertThat(finalState.get(id)).as("invoice %s", id)
			.isEqualTo(acknowledgedState));
		awaitRevenueMatchesInvoiceState();
		System.out.printf("Converged after invoice-service kill -9 at %d s%n", elapsedSeconds());
	}

	@Test
	@Order(4)
	void exposesTheMetricsTheDashboardsAndAlertsUse() {
		JsonHttp http = new JsonHttp();
		String invoiceMetrics = http.get(stack.url(Service.INVOICE_SERVICE) + "/actuator/prometheus")
			.expect(200)
			.body();
		String revenueMetrics = http.get(stack.url(Service.REVENUE_SERVICE) + "/actuator/prometheus")
			.expect(200)
			.body();
		assertThat(invoiceMetrics).contains("tally_outbox_pending", "tally_outbox_oldest_pending_age_seconds",
				"tally_outbox_published_total", "tally_outbox_publish_failures_total",
				"http_server_requests_seconds_count");
		assertThat(revenueMetrics).contains("tally_projection_events_applied_total",
				"tally_projection_events_stale_total", "tally_projection_dead_lettered_total",
				"tally_projection_event_lag_seconds_bucket");
		// every event of the scenario was valid: none may have been dead-lettered
		assertThat(revenueMetrics.lines()
			.filter((line) -> line.startsWith("tally_projection_dead_lettered_total"))
			.map((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.reduce(0.0, Double::sum)).isZero();
		for (Service service : Service.values()) {
			assertThat(http.get(stack.url(service) + "/v3/api-docs").expect(200).body()).contains("openapi");
		}
	}

	/**
	 * Recomputes the figures from the invoice API's current state and waits until
	 * revenue-service shows them.
	 */
	private static void awaitRevenueMatchesInvoiceState() {
		Map<String, Invoice> current = invoices.all();
		assertThat(current.keySet()).as("invoice-service holds exactly the acknowledged invoices")
			.isEqualTo(script.model.keySet());
		ExpectedRevenue expected = new ExpectedRevenue(current.values());
		assertThat(expected.monthly.values()).allSatisfy(
				(months) -> assertThat(months.keySet()).allSatisfy((month) -> assertThat(month).isBetween(FROM, TO)));
		await().atMost(CONVERGENCE)
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptions()
			.untilAsserted(() -> RevenueAssertions.assertRevenueMatches(revenue, expected, CUSTOMERS, FROM, TO));
	}

	private static long elapsedSeconds() {
		return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
	}

}
