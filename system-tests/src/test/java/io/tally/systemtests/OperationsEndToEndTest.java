package io.tally.systemtests;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import io.tally.localstack.KafkaCredentials;
import io.tally.localstack.LocalStack;
import io.tally.localstack.Service;
import io.tally.testsupport.http.JsonHttp;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator tools against the whole system as separate processes on random ports: an
 * event lost on its way (its outbox row dropped before the relay saw it) shows up as
 * drift in the next reconciliation run and re-publishing clears it; a projection
 * corrupted on purpose is rebuilt from the compacted topic while invoices change and
 * reads go on.
 */
@Order(7)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperationsEndToEndTest {

	private static final Duration PATIENCE = Duration.ofMinutes(2);

	private static final List<String> CUSTOMERS = IntStream.range(0, 4)
		.mapToObj((i) -> UUID.randomUUID().toString())
		.toList();

	private static final YearMonth TO = YearMonth.now(ZoneOffset.UTC);

	private static final YearMonth FROM = TO.minusMonths(15);

	private static LocalStack stack;

	private static InvoiceApi invoices;

	private static RevenueApi revenue;

	private static JsonHttp revenueOps;

	private static JsonHttp invoiceOps;

	private static InvoiceScript script;

	@BeforeAll
	static void startStack() throws Exception {
		// the shared stack's services run with reconciliation runs started by the test
		// and
		// a difference re-checked after 2 s (SharedStack.settings)
		stack = SharedStack.get().stack();
		// a tally-cli token (ops:admin among its scopes) on every call; revenue-service
		// fetches its own for the digest
		invoiceOps = new JsonHttp(stack.url(Service.INVOICE_SERVICE), stack.accessTokens()::authorization);
		revenueOps = new JsonHttp(stack.url(Service.REVENUE_SERVICE), stack.accessTokens()::authorization);
		invoices = new InvoiceApi(invoiceOps);
		revenue = new RevenueApi(revenueOps);
		long seed = Long.getLong("tally.seed", System.nanoTime());
		System.out.println("Operations test seed " + seed + " (rerun with -Dtally.seed=" + seed + ")");
		script = new InvoiceScript(seed, invoices, CUSTOMERS);
		script.createInvoices(60);
		script.changeInvoices(60);
		script.ensureEveryCustomerHasAnInvoice();
		awaitRevenueMatchesInvoiceState();
	}

	@Test
	@Order(1)
	void aLostEventShowsUpAsDriftInTheNextRunAndRepublishingClearsIt() throws Exception {
		assertThat(reconcile().path("outcome").asString()).isEqualTo("CLEAN");
		List<Invoice> live = script.model.values().stream().filter((i) -> "PENDING".equals(i.status())).toList();
		Invoice changed = live.get(0);
		Invoice deleted = live.get(1);

		// the outbox rows of these two changes are dropped before the relay can see them
		try (Connection db = invoicesDatabase(); Statement sql = db.createStatement()) {
			sql.execute("""
					CREATE FUNCTION lose_events() RETURNS trigger LANGUAGE plpgsql AS $$
					BEGIN
					  IF NEW.record_key IN ('%s', '%s') THEN RETURN NULL; END IF;
					  RETURN NEW;
					END $$""".formatted(changed.id(), deleted.id()));
			sql.execute(
					"CREATE TRIGGER lose_events BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION lose_events()");
			Invoice updated = invoices.replace(changed.withAmount(changed.amountMinor() + 1));
			script.model.put(updated.id(), updated);
			invoices.delete(deleted.id());
			script.model.remove(deleted.id());
			sql.execute("DROP TRIGGER lose_events ON outbox");
			sql.execute("DROP FUNCTION lose_events()");
		}

		JsonNode first = reconcile();
		assertThat(first.path("outcome").asString()).isEqualTo("DRIFT");
		assertThat(first.path("driftCount").asLong()).isEqualTo(2);
		assertThat(drifting(first)).containsExactlyInAnyOrder(
				changed.id() + " BEHIND " + changed.version() + "->" + (changed.version() + 1),
				deleted.id() + " BEHIND " + deleted.version() + "->" + (deleted.version() + 1));
		JsonNode second = reconcile();
		assertThat(second.path("consecutiveDriftRuns").asInt()).as("the alert's condition: drift in two runs")
			.isEqualTo(2);
		assertThat(revenueMetrics()).contains(
				"tally_reconciliation_drift_invoices{application=\"revenue-service\"} 2.0",
				"tally_reconciliation_drift_runs{application=\"revenue-service\"} 2.0");

		JsonNode republished = invoiceOps
			.post("/api/ops/reconciliation/republish",
					"{\"invoiceIds\":[\"" + changed.id() + "\",\"" + deleted.id() + "\"]}")
			.expect(200)
			.json();
		assertThat(republished.path("republished")).hasSize(2);
		awaitRevenueMatchesInvoiceState();

		JsonNode clean = reconcile();
		assertThat(clean.path("outcome").asString()).isEqualTo("CLEAN");
		assertThat(clean.path("consecutiveDriftRuns").asInt()).isZero();
		assertThat(revenueMetrics())
			.contains("tally_reconciliation_drift_invoices{application=\"revenue-service\"} 0.0");
	}

	@Test
	@Order(2)
	void rebuildsACorruptedProjectionFromTheCompactedTopicWhileInvoicesChangeAndReadsGoOn() throws Exception {
		assertThat(topicCleanupPolicy()).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
		try (Connection db = DriverManager.getConnection(stack.jdbcUrl(Service.REVENUE_SERVICE.database()),
				stack.ownerRole(Service.REVENUE_SERVICE), ""); Statement sql = db.createStatement()) {
			sql.executeUpdate("UPDATE revenue_by_customer SET invoiced_minor = invoiced_minor + 1");
		}

		AtomicBoolean stop = new AtomicBoolean();
		List<Integer> readStatuses = new CopyOnWriteArrayList<>();
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			Future<?> reader = threads.submit(() -> {
				while (!stop.get()) {
					readStatuses.add(revenueOps.get("/api/revenue/summary").status());
				}
				return null;
			});
			Future<?> writer = threads.submit(() -> {
				while (!stop.get()) {
					script.step();
				}
				return null;
			});
			long rebuild = revenueOps.post("/api/ops/projection/rebuild", "").expect(202).json().path("id").asLong();
			await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
				JsonNode last = revenueOps.get("/api/ops/projection").expect(200).json().path("last");
				return last.path("id").asLong() == rebuild && !"RUNNING".equals(last.path("state").asString());
			});
			JsonNode last = revenueOps.get("/api/ops/projection").expect(200).json().path("last");
			assertThat(last.path("state").asString()).as(last.toString()).isEqualTo("SUCCEEDED");
			System.out.println("Rebuild: " + last);
			stop.set(true);
			reader.get(1, TimeUnit.MINUTES);
			writer.get(1, TimeUnit.MINUTES);
		}
		finally {
			stop.set(true);
			threads.shutdownNow();
		}

		assertThat(readStatuses).as("reads during the rebuild").isNotEmpty().containsOnly(200);
		awaitRevenueMatchesInvoiceState();
		assertThat(reconcile().path("outcome").asString()).isEqualTo("CLEAN");
	}

	/** Starts a reconciliation run and returns its report. */
	private static JsonNode reconcile() {
		Instant before = Instant.now().minusSeconds(1);
		revenueOps.post("/api/ops/reconciliation/runs", "").expect(202);
		await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).until(() -> {
			JsonNode status = revenueOps.get("/api/ops/reconciliation").expect(200).json();
			JsonNode lastRun = status.path("lastRun");
			return !status.path("running").asBoolean() && lastRun.isObject()
					&& Instant.parse(lastRun.path("startedAt").asString()).isAfter(before);
		});
		JsonNode report = revenueOps.get("/api/ops/reconciliation").expect(200).json().path("lastRun");
		System.out.println("Reconciliation: " + report);
		assertThat(report.path("outcome").asString()).as(report.toString()).isNotEqualTo("FAILED");
		return report;
	}

	private static List<String> drifting(JsonNode report) {
		List<String> entries = new ArrayList<>();
		report.path("drifting")
			.forEach((drift) -> entries.add(drift.path("invoiceId").asString() + " " + drift.path("kind").asString()
					+ " " + drift.path("revenueVersion").asLong() + "->" + drift.path("invoiceVersion").asLong()));
		return entries;
	}

	private static String revenueMetrics() {
		return new JsonHttp(stack.managementUrl(Service.REVENUE_SERVICE), stack.accessTokens()::authorization)
			.get("/actuator/prometheus")
			.expect(200)
			.body();
	}

	private static Connection invoicesDatabase() throws Exception {
		// as the schema's owner: a trigger is DDL, which the service's own role may not
		// do
		return DriverManager.getConnection(stack.jdbcUrl(Service.INVOICE_SERVICE.database()),
				stack.ownerRole(Service.INVOICE_SERVICE), "");
	}

	private static String topicCleanupPolicy() throws Exception {
		ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "invoice-events");
		try (Admin admin = Admin.create(stack.kafkaClientConfig(KafkaCredentials.ADMIN))) {
			return admin.describeConfigs(List.of(topic))
				.all()
				.get(30, TimeUnit.SECONDS)
				.get(topic)
				.get(TopicConfig.CLEANUP_POLICY_CONFIG)
				.value();
		}
	}

	private static void awaitRevenueMatchesInvoiceState() {
		// the shared stack holds the other tests' invoices too: the figures must equal
		// the
		// rules over all of them
		Map<String, Invoice> current = invoices.all();
		assertThat(current).containsAllEntriesOf(script.model);
		ExpectedRevenue expected = new ExpectedRevenue(current.values());
		await().atMost(PATIENCE)
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptions()
			.untilAsserted(() -> RevenueAssertions.assertRevenueMatches(revenue, expected, CUSTOMERS, FROM, TO));
	}

}
