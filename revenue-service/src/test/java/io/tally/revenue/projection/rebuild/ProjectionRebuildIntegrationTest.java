package io.tally.revenue.projection.rebuild;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.tally.events.InvoiceStatus;
import io.tally.events.testing.InvoiceEvents;
import io.tally.revenue.IntegrationTestBase;
import io.tally.revenue.freshness.ProjectionNotice;
import io.tally.revenue.freshness.ProjectionWatcher;
import io.tally.revenue.projection.kafka.EventProducer;
import io.tally.revenue.projection.kafka.RevenueApi;
import io.tally.revenue.projection.store.ProjectionTables;
import io.tally.revenue.projection.store.ProjectionTotals;
import io.tally.testsupport.http.JsonHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rebuilds on the real broker and PostgreSQL, through the operator endpoints: live
 * figures corrupted on purpose are recomputed from the topic while a writer keeps
 * changing invoices and a reader keeps reading, and the reader never sees an error nor a
 * figure of the shadow tables before the switch. Each test owns its invoices, customers
 * and years; the rebuild itself replays the whole shared topic.
 */
class ProjectionRebuildIntegrationTest extends IntegrationTestBase {

	private static final Duration PATIENCE = Duration.ofMinutes(2);

	private static EventProducer events;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	RebuildRunner runner;

	@Autowired
	MeterRegistry meters;

	@Autowired
	ProjectionWatcher watcher;

	@BeforeAll
	static void producer() {
		events = new EventProducer();
	}

	@AfterAll
	static void closeProducer() {
		events.close();
	}

	@Test
	void recomputesCorruptedFiguresWhileWritesAndReadsGoOnAndSwitchesAtomically() throws Exception {
		RevenueApi api = new RevenueApi(api());
		ProjectionOps ops = new ProjectionOps(operations());
		Random random = new Random();
		// a marker invoice nobody changes: its month's figure tells old tables from new
		UUID marker = UUID.randomUUID();
		events.send(InvoiceEvents.created(marker, UUID.randomUUID(), 777, "JPY", LocalDate.of(2171, 1, 15)));
		Ledger ledger = new Ledger(random, 2176, 20);
		ledger.createAll();
		// a history long enough that the rebuild catches up while the writer goes on
		for (int i = 0; i < 1500; i++) {
			ledger.changeOne();
		}
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(api.monthly("2171-01", "2171-01", "JPY"))
				.containsExactly("2171-01 JPY 777/0/777"));
		await().atMost(PATIENCE).untilAsserted(() -> ledger.assertRevenueMatches(api));

		this.jdbc.update("UPDATE revenue_by_month SET invoiced_minor = invoiced_minor + 1000000 "
				+ "WHERE month = '2171-01-01' AND currency = 'JPY'");
		this.jdbc.update("UPDATE revenue_by_customer SET pending_minor = pending_minor + 13 WHERE customer_id = ?",
				ledger.customers.get(0));
		this.jdbc.update("UPDATE revenue_by_currency SET collected_minor = collected_minor + 5");
		this.jdbc.update("UPDATE customer_count SET customers = customers + 3");
		this.jdbc.update("UPDATE invoices_by_customer SET invoice_count = invoice_count + 1 WHERE customer_id = ?",
				ledger.customers.get(1));
		assertThat(ProjectionTotals.drift(this.jdbc)).as("totals corrupted").isNotEmpty();
		List<ProjectionNotice> everything = new CopyOnWriteArrayList<>();
		this.watcher.subscribe((notice) -> {
			if (notice.everything()) {
				everything.add(notice);
			}
		});
		// announced as a faulty projection transaction would announce what it wrote: the
		// instances then no longer serve the answers they kept from before
		this.jdbc.queryForObject("SELECT pg_notify(?, ?)", String.class, ProjectionNotice.CHANNEL,
				ProjectionNotice.everything(null).toPayload());
		await().atMost(PATIENCE).until(() -> !everything.isEmpty());
		everything.clear();
		String corrupted = "2171-01 JPY 1000777/0/777";
		String repaired = "2171-01 JPY 777/0/777";
		assertThat(api.monthly("2171-01", "2171-01", "JPY")).containsExactly(corrupted);
		double succeededBefore = this.meters.get("tally.projection.rebuilds")
			.tag("outcome", "succeeded")
			.counter()
			.count();

		ExecutorService threads = Executors.newFixedThreadPool(2);
		AtomicBoolean stop = new AtomicBoolean();
		List<Observation> observations = new CopyOnWriteArrayList<>();
		long rebuild;
		try (Connection blocker = this.dataSource.getConnection()) {
			// keeps the switch from taking its locks until the reader has seen the
			// caught-up rebuild not being served
			blocker.setAutoCommit(false);
			try (Statement statement = blocker.createStatement()) {
				statement.execute("LOCK TABLE revenue_by_customer IN ACCESS SHARE MODE");
			}
			rebuild = ops.rebuild();
			Future<?> reader = threads.submit(() -> {
				for (int read = 0; !stop.get(); read++) {
					// every other read asks for no stored answer: it shows the switch as
					// soon as the switch has committed; the others once this instance has
					// heard the switch's notice (until then it may give the monthly
					// answer it kept from before)
					boolean afresh = read % 2 == 1;
					boolean heard = !everything.isEmpty();
					boolean succeeded = ops.ended(rebuild, "SUCCEEDED");
					List<String> figure = afresh ? api.monthly("2171-01", "2171-01", "JPY", "Cache-Control", "no-cache")
							: api.monthly("2171-01", "2171-01", "JPY");
					boolean after = ops.ended(rebuild, "SUCCEEDED");
					observations.add(new Observation(afresh, afresh ? succeeded : heard, figure.get(0), after));
				}
				return null;
			});
			Future<?> writer = threads.submit(() -> {
				while (!stop.get()) {
					ledger.changeOne();
				}
				return null;
			});
			await().atMost(PATIENCE).until(() -> ops.current().path("switchAttempts").asInt() >= 1);
			await().atMost(PATIENCE).until(() -> observations.size() >= 20);
			blocker.rollback();

			await().atMost(PATIENCE).until(() -> ops.ended(rebuild, "SUCCEEDED"));
			int switchedAt = observations.size();
			await().atMost(PATIENCE).until(() -> observations.size() >= switchedAt + 20);
			stop.set(true);
			reader.get(1, TimeUnit.MINUTES);
			writer.get(1, TimeUnit.MINUTES);
		}
		finally {
			stop.set(true);
			threads.shutdownNow();
		}

		assertThat(observations).as("reads before the switch committed show the live (corrupted) figure")
			.filteredOn((o) -> !o.switchedAfter())
			.isNotEmpty()
			.allSatisfy((o) -> assertThat(o.figure()).isEqualTo(corrupted));
		assertThat(observations).as("reads after the instance heard the switch show the rebuilt figure")
			.filteredOn((o) -> !o.afresh() && o.switchedBefore())
			.isNotEmpty()
			.allSatisfy((o) -> assertThat(o.figure()).isEqualTo(repaired));
		assertThat(observations).as("reads with Cache-Control: no-cache after the switch show the rebuilt figure")
			.filteredOn((o) -> o.afresh() && o.switchedBefore())
			.isNotEmpty()
			.allSatisfy((o) -> assertThat(o.figure()).isEqualTo(repaired));
		int firstRepaired = indexOf(observations, repaired);
		assertThat(observations.subList(firstRepaired, observations.size())).as("the old figure never comes back")
			.allSatisfy((o) -> assertThat(o.figure()).isEqualTo(repaired));
		System.out.printf("Rebuild %d: %d reads (%d before the switch), %d writes during it; %s%n", rebuild,
				observations.size(), firstRepaired, ledger.changes, ops.status().path("last"));

		await().atMost(PATIENCE)
			.untilAsserted(
					() -> assertThat(everything).as("watchers heard that every figure may have changed").isNotEmpty());
		await().atMost(PATIENCE).untilAsserted(() -> ledger.assertRevenueMatches(api));
		assertThat(ProjectionTotals.drift(this.jdbc)).as("the totals are rebuilt with the buckets").isEmpty();
		ledger.versions()
			.forEach((invoice,
					version) -> assertThat(this.jdbc
						.queryForObject("SELECT version FROM invoice_state WHERE invoice_id = ?", Long.class, invoice))
						.as("version of %s", invoice)
						.isEqualTo(version));
		JsonHttp.Response status = operations().get("/api/ops/projection").expect(200);
		assertThat(status.json().path("current").isNull()).isTrue();
		assertThat(status.json().path("last").path("recordsApplied").asLong()).isPositive();
		assertThat(status.json().path("live")).isNotEmpty();
		assertThat(this.jdbc.queryForList("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() "
				+ "AND tablename = 'invoice_state'", String.class))
			.as("index names survive the switch")
			.containsExactlyInAnyOrder("invoice_state_pkey", "invoice_state_occurred_at");
		assertThat(shadowTables()).as("the old tables are dropped, the shadow schema is empty").isZero();
		assertThat(this.meters.get("tally.projection.rebuilds").tag("outcome", "succeeded").counter().count())
			.isEqualTo(succeededBefore + 1);
		assertThat(this.meters.get("tally.projection.rebuild.running").gauge().value()).isZero();
	}

	@Test
	void resumesARunningRebuildAfterTheServiceStopsAndNeverServesItEarly() throws Exception {
		RevenueApi api = new RevenueApi(api());
		ProjectionOps ops = new ProjectionOps(operations());
		Ledger ledger = new Ledger(new Random(), 2177, 10);
		ledger.createAll();
		await().atMost(PATIENCE).untilAsserted(() -> ledger.assertRevenueMatches(api));
		this.jdbc.update("UPDATE revenue_by_customer SET invoiced_minor = invoiced_minor + 99 WHERE customer_id = ?",
				ledger.customers.get(1));
		assertThat(invoiced(api.customer(ledger.customers.get(1))) - ledger.invoiced(ledger.customers.get(1)))
			.as("corrupted")
			.isEqualTo(99);

		long[] shadowTable = new long[1];
		long rebuild = rebuildStoppedBeforeItsSwitch(ops, (running) -> {
			assertThat(ops.current().path("state").asString()).isEqualTo("RUNNING");
			assertThat(ops.status().path("liveListener").asString()).as("resumed when the runner stopped")
				.isEqualTo("RUNNING");
			assertThat(shadowTables()).isEqualTo(ProjectionTables.NAMES.size());
			shadowTable[0] = oid("projection_shadow.invoice_state");
			ledger.changeOne();
			ledger.changeOne();
			// the live consumer goes on applying changes; the figures served keep the
			// corruption of the live tables, which the shadow tables do not have
			UUID corruptedCustomer = ledger.customers.get(1);
			await().atMost(PATIENCE)
				.untilAsserted(
						() -> assertThat(invoiced(api.customer(corruptedCustomer)) - ledger.invoiced(corruptedCustomer))
							.as("still the live tables")
							.isEqualTo(99));
		});

		await().atMost(PATIENCE).until(() -> ops.ended(rebuild, "SUCCEEDED"));
		assertThat(oid("invoice_state")).as("the shadow table it resumed with went live, it was not rebuilt again")
			.isEqualTo(shadowTable[0]);
		await().atMost(PATIENCE).untilAsserted(() -> ledger.assertRevenueMatches(api));
	}

	@Test
	void startsOverWhenTheTablesChangedWhileItWasStopped() throws Exception {
		ProjectionOps ops = new ProjectionOps(operations());
		long[] shadowTable = new long[1];
		long rebuild = rebuildStoppedBeforeItsSwitch(ops, (running) -> {
			shadowTable[0] = oid("projection_shadow.invoice_state");
			// as if a migration had changed a projection table meanwhile
			this.jdbc.update("UPDATE projection_rebuild SET shadow_fingerprint = 'before-V99' WHERE id = ?", running);
		});

		await().atMost(PATIENCE).until(() -> ops.ended(rebuild, "SUCCEEDED"));
		assertThat(oid("invoice_state")).as("shadow tables created afresh").isNotEqualTo(shadowTable[0]);
	}

	@Test
	void refusesASecondRebuildAndCancelsTheRunningOneWithoutTouchingTheLiveTables() throws Exception {
		ProjectionOps ops = new ProjectionOps(operations());
		long liveTable = oid("invoice_state");
		try (Connection blocker = this.dataSource.getConnection()) {
			blocker.setAutoCommit(false);
			try (Statement statement = blocker.createStatement()) {
				statement.execute("LOCK TABLE revenue_by_month IN ACCESS SHARE MODE");
			}
			long rebuild = ops.rebuild();

			JsonHttp.Response second = ops.requestRebuild().expect(409);
			assertThat(second.json().get("type").asString()).isEqualTo("urn:tally:problem:rebuild-running");
			assertThat(second.json().get("detail").asString()).contains("Rebuild " + rebuild);

			await().atMost(PATIENCE).until(() -> ops.current().path("switchAttempts").asInt() >= 1);
			JsonHttp.Response cancelled = ops.cancel().expect(202);
			assertThat(cancelled.json().get("state").asString()).isEqualTo("CANCELLED");
			await().atMost(PATIENCE).until(() -> shadowTables() == 0);
			assertThat(ops.ended(rebuild, "CANCELLED")).isTrue();
			assertThat(ops.status().path("last").path("detail").asString()).contains("Cancelled");
		}
		assertThat(oid("invoice_state")).isEqualTo(liveTable);
		JsonHttp.Response nothing = ops.cancel().expect(409);
		assertThat(nothing.json().get("type").asString()).isEqualTo("urn:tally:problem:no-rebuild-running");
		await().atMost(PATIENCE)
			.untilAsserted(
					() -> assertThat(this.meters.get("tally.projection.rebuild.running").gauge().value()).isZero());
	}

	private int shadowTables() {
		return this.jdbc.queryForObject("SELECT count(*) FROM pg_tables WHERE schemaname = 'projection_shadow'",
				Integer.class);
	}

	private long oid(String table) {
		return this.jdbc.queryForObject("SELECT ?::regclass::oid::bigint", Long.class, table);
	}

	private static int indexOf(List<Observation> observations, String figure) {
		for (int i = 0; i < observations.size(); i++) {
			if (observations.get(i).figure().equals(figure)) {
				return i;
			}
		}
		return observations.size();
	}

	/**
	 * One read of the marker figure, between two looks at whether the rebuild had
	 * switched.
	 */
	/**
	 * One read during a rebuild.
	 *
	 * @param afresh asked for no stored answer
	 * @param switchedBefore the switch was known before the read: it had committed (a
	 * read afresh) or this instance had heard its notice (a shared read)
	 */
	record Observation(boolean afresh, boolean switchedBefore, String figure, boolean switchedAfter) {
	}

	/**
	 * Invoices of one year in SEK that a writer keeps changing through events, and the
	 * figures recomputed from their final states.
	 */
	/**
	 * Starts a rebuild that cannot switch (a reader holds a live table), stops the runner
	 * after its first switch attempt, runs {@code whileStopped} with the rebuild's id,
	 * then lets the reader go and the runner resume.
	 */
	private long rebuildStoppedBeforeItsSwitch(ProjectionOps ops, WhileStopped whileStopped) throws Exception {
		try (Connection blocker = this.dataSource.getConnection()) {
			blocker.setAutoCommit(false);
			try (Statement statement = blocker.createStatement()) {
				statement.execute("LOCK TABLE revenue_by_month IN ACCESS SHARE MODE");
			}
			long rebuild = ops.rebuild();
			await().atMost(PATIENCE).until(() -> ops.current().path("switchAttempts").asInt() >= 1);
			this.runner.stop();
			try {
				whileStopped.run(rebuild);
			}
			finally {
				blocker.rollback();
				this.runner.start();
			}
			return rebuild;
		}
	}

	/** What a test does while its rebuild waits, stopped. */
	@FunctionalInterface
	private interface WhileStopped {

		void run(long rebuild) throws Exception;

	}

	/**
	 * The invoiced figure of a customer's one SEK line, e.g.
	 * {@code SEK 12477/0/12378 x3}.
	 */
	private static long invoiced(List<String> customerLines) {
		assertThat(customerLines).hasSize(1);
		return Long.parseLong(customerLines.get(0).split("[ /]")[1]);
	}

	static final class Ledger {

		final List<UUID> customers = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());

		private final Random random;

		private final int year;

		private final Map<UUID, State> invoices = new LinkedHashMap<>();

		volatile int changes;

		Ledger(Random random, int year, int count) {
			this.random = random;
			this.year = year;
			for (int i = 0; i < count; i++) {
				this.invoices.put(UUID.randomUUID(),
						new State(1, this.customers.get(i % 3), 1 + random.nextInt(9_000), InvoiceStatus.PENDING,
								LocalDate.of(year, 1 + random.nextInt(12), 1 + random.nextInt(28)), null));
			}
		}

		void createAll() {
			this.invoices.forEach((id, state) -> events
				.send(InvoiceEvents.created(id, state.customer(), state.amount(), "SEK", state.issued())));
		}

		/** Changes one invoice (amount, customer, payment) with its next version. */
		synchronized void changeOne() {
			List<UUID> ids = new ArrayList<>(this.invoices.keySet());
			UUID id = ids.get(this.random.nextInt(ids.size()));
			State current = this.invoices.get(id);
			State next;
			switch (this.random.nextInt(3)) {
				case 0 -> next = new State(current.version() + 1, current.customer(), 1 + this.random.nextInt(9_000),
						current.status(), current.issued(), current.paidAt());
				case 1 -> next = new State(current.version() + 1, this.customers.get(this.random.nextInt(3)),
						current.amount(), current.status(), current.issued(), current.paidAt());
				default -> next = (current.status() == InvoiceStatus.PAID)
						? new State(current.version() + 1, current.customer(), current.amount(), InvoiceStatus.PENDING,
								current.issued(), null)
						: new State(current.version() + 1, current.customer(), current.amount(), InvoiceStatus.PAID,
								current.issued(),
								LocalDate.of(this.year, 1 + this.random.nextInt(12), 2)
									.atStartOfDay()
									.toInstant(ZoneOffset.UTC));
			}
			events.send(InvoiceEvents.updated(id, next.version(), next.customer(), next.amount(), "SEK", next.status(),
					next.issued(), next.paidAt()));
			this.invoices.put(id, next);
			this.changes++;
		}

		/** What the customer's invoices add up to now. */
		synchronized long invoiced(UUID customer) {
			return this.invoices.values()
				.stream()
				.filter((state) -> state.customer().equals(customer))
				.mapToLong(State::amount)
				.sum();
		}

		synchronized Map<UUID, Long> versions() {
			Map<UUID, Long> versions = new LinkedHashMap<>();
			this.invoices.forEach((id, state) -> versions.put(id, state.version()));
			return versions;
		}

		synchronized void assertRevenueMatches(RevenueApi api) {
			Map<YearMonth, long[]> monthly = new TreeMap<>();
			Map<UUID, long[]> byCustomer = new LinkedHashMap<>();
			this.customers.forEach((customer) -> byCustomer.put(customer, new long[4]));
			for (State state : this.invoices.values()) {
				YearMonth issued = YearMonth.from(state.issued());
				monthly.computeIfAbsent(issued, (m) -> new long[3])[0] += state.amount();
				long[] customer = byCustomer.get(state.customer());
				customer[0] += state.amount();
				customer[3]++;
				if (state.status() == InvoiceStatus.PAID) {
					monthly.computeIfAbsent(YearMonth.from(state.paidAt().atZone(ZoneOffset.UTC)),
							(m) -> new long[3])[1] += state.amount();
					customer[1] += state.amount();
				}
				else {
					monthly.get(issued)[2] += state.amount();
					customer[2] += state.amount();
				}
			}
			List<String> expectedMonthly = new ArrayList<>();
			for (int month = 1; month <= 12; month++) {
				long[] figures = monthly.getOrDefault(YearMonth.of(this.year, month), new long[3]);
				expectedMonthly
					.add(YearMonth.of(this.year, month) + " SEK " + figures[0] + "/" + figures[1] + "/" + figures[2]);
			}
			assertThat(api.monthly(this.year + "-01", this.year + "-12", "SEK")).isEqualTo(expectedMonthly);
			byCustomer.forEach((customer, figures) -> assertThat(api.customer(customer)).as("customer %s", customer)
				.isEqualTo((figures[3] == 0) ? List.of()
						: List.of("SEK " + figures[0] + "/" + figures[1] + "/" + figures[2] + " x" + figures[3])));
		}

	}

	/** One invoice as the ledger last sent it. */
	record State(long version, UUID customer, long amount, InvoiceStatus status, LocalDate issued, Instant paidAt) {
	}

}
