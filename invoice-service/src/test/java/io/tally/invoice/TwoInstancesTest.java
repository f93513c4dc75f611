package io.tally.invoice;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.MeterRegistry;
import io.tally.invoice.outbox.OutboxProperties;
import io.tally.support.security.Scopes;
import io.tally.testsupport.TestInfrastructure;
import io.tally.testsupport.http.JsonHttp;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.tally.invoice.EventProbe.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two complete invoice-service applications against one database: exactly one relays;
 * when the leader dies (its context closes, or its lock session is killed while it keeps
 * running) leadership moves within seconds and every change, written through either
 * instance before, during and after the failover, reaches Kafka in version order per
 * invoice (duplicates allowed: the relay is at-least-once).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesTest {

	/**
	 * A database of its own, so the outbox and the relay lock are not shared with other
	 * tests.
	 */
	static final String DATABASE = "invoices_two";

	static final String TOPIC = "invoice-events";

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final Duration STABLE = Duration.ofMillis(600);

	private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

	private static final Pattern VERSION = Pattern.compile("\"version\":(\\d+)");

	private static final List<Instance> instances = new ArrayList<>();

	private static final AtomicInteger started = new AtomicInteger();

	/** Own threads: the common pool may have a single thread on a small machine. */
	private static final ExecutorService background = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "two-instances-test");
		thread.setDaemon(true);
		return thread;
	});

	@BeforeEach
	void twoRunningInstances() {
		instances.removeIf((instance) -> !instance.context.isActive());
		while (instances.size() < 2) {
			instances.add(Instance.start("instance-" + started.incrementAndGet()));
		}
	}

	@AfterAll
	static void closeInstances() {
		for (Instance instance : instances) {
			instance.context.close();
		}
		instances.clear();
		background.shutdownNow();
	}

	@Test
	@Order(1)
	void killingTheLeadersLockSessionWhileItRunsElectsALeaderOnANewSession() {
		Instance a = instances.get(0);
		Instance b = instances.get(1);
		Instance leader = awaitSingleLeader(a, b);
		Instance follower = (leader == a) ? b : a;
		assertThat(leader.healthSaysLeader()).isTrue();
		assertThat(follower.healthSaysLeader()).isFalse();
		ConcurrentLinkedQueue<History> histories = new ConcurrentLinkedQueue<>();
		for (int i = 0; i < 4; i++) {
			histories.add(History.write(a, b, i % 2 == 0));
			histories.add(History.write(b, a, i % 2 == 1));
		}

		int killedPid = lockHolderPid(follower);
		assertThat(killedPid).isPositive();
		try (Writer writer = new Writer(histories, a, b)) {
			writer.awaitHistories(2);
			long killedAt = System.nanoTime();
			assertThat(follower.jdbc().queryForObject("SELECT pg_terminate_backend(?)", Boolean.class, killedPid))
				.isTrue();
			// someone leads again, on a lock session other than the killed one
			await().atMost(Duration.ofSeconds(15))
				.pollInterval(Duration.ofMillis(5))
				.until(() -> (a.isLeader() ^ b.isLeader()) && lockHolderPid(follower) > 0
						&& lockHolderPid(follower) != killedPid);
			long failoverMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
			Instance newLeader = awaitSingleLeader(a, b);
			System.out.printf("TwoInstancesTest: lock session %d of %s killed; %s leads again after %d ms%n", killedPid,
					leader.name, newLeader.name, failoverMillis);
			writer.awaitHistories(writer.written() + 2);
		}
		// and after the failover, through both
		histories.add(History.write(a, b, false));
		histories.add(History.write(b, a, true));

		await().atMost(WAIT).until(() -> a.pending() == 0 && b.pending() == 0);
		assertEveryChangeArrivedInVersionOrder(histories);
	}

	@Test
	@Order(2)
	void closingTheLeaderMovesLeadershipToTheSurvivorAndLosesNoEvent() throws Exception {
		Instance a = instances.get(0);
		Instance b = instances.get(1);
		Instance leader = awaitSingleLeader(a, b);
		Instance survivor = (leader == a) ? b : a;
		assertThat(leader.healthSaysLeader()).isTrue();
		assertThat(survivor.healthSaysLeader()).isFalse();
		ConcurrentLinkedQueue<History> histories = new ConcurrentLinkedQueue<>();
		for (int i = 0; i < 4; i++) {
			histories.add(History.write(a, b, i % 2 == 0));
			histories.add(History.write(b, a, i % 2 == 1));
		}
		double publishedBefore = survivor.published();

		try (Writer writer = new Writer(histories, survivor, survivor)) {
			writer.awaitHistories(2);
			int before = writer.written();
			long closing = System.nanoTime();
			// watches the survivor from the moment the leader starts going down
			CompletableFuture<long[]> takeover = CompletableFuture.supplyAsync(() -> {
				await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(5)).until(survivor::isLeader);
				return new long[] { System.nanoTime(), writer.written() };
			}, background);
			leader.context.close();
			long closed = System.nanoTime();
			long[] tookOver = takeover.get(20, TimeUnit.SECONDS);
			System.out.printf(
					"TwoInstancesTest: %s closed (close() took %d ms); %s leads %d ms after close() began; "
							+ "%d invoice histories written through it in between%n",
					leader.name, TimeUnit.NANOSECONDS.toMillis(closed - closing), survivor.name,
					TimeUnit.NANOSECONDS.toMillis(tookOver[0] - closing), tookOver[1] - before);
			assertThat(tookOver[0] - closing).isLessThan(TimeUnit.SECONDS.toNanos(10));
			writer.awaitHistories(writer.written() + 2);
		}
		assertThat(survivor.isLeader()).isTrue();
		assertThat(survivor.healthSaysLeader()).isTrue();
		for (int i = 0; i < 3; i++) {
			histories.add(History.write(survivor, survivor, i == 0));
		}

		await().atMost(WAIT).until(() -> survivor.pending() == 0);
		assertThat(survivor.published()).isGreaterThan(publishedBefore);
		assertEveryChangeArrivedInVersionOrder(histories);
	}

	/** Exactly one instance leads, and keeps leading for a while. */
	private static Instance awaitSingleLeader(Instance a, Instance b) {
		await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> a.isLeader() ^ b.isLeader());
		await().atMost(Duration.ofSeconds(20)).during(STABLE).until(() -> a.isLeader() ^ b.isLeader());
		return a.isLeader() ? a : b;
	}

	/**
	 * Backend pid of the session holding the relay's advisory lock in this database, or
	 * -1.
	 */
	private static int lockHolderPid(Instance any) {
		long key = any.context.getBean(OutboxProperties.class).lockKey();
		List<Integer> pids = any.jdbc()
			.queryForList(
					"SELECT l.pid FROM pg_locks l JOIN pg_database d ON d.oid = l.database "
							+ "WHERE l.locktype = 'advisory' AND l.granted AND d.datname = current_database() "
							+ "AND l.classid::bigint = ? AND l.objid::bigint = ? AND l.objsubid = 1",
					Integer.class, key >>> 32, key & 0xFFFF_FFFFL);
		assertThat(pids).hasSizeLessThanOrEqualTo(1);
		return pids.isEmpty() ? -1 : pids.get(0);
	}

	private static void assertEveryChangeArrivedInVersionOrder(Iterable<History> histories) {
		Map<String, List<String>> expected = new LinkedHashMap<>();
		for (History history : histories) {
			expected.put(history.id, history.eventTypes);
		}
		Set<String> wanted = new HashSet<>();
		expected.forEach((id, types) -> {
			for (int version = 1; version <= types.size(); version++) {
				wanted.add(id + "@" + version);
			}
		});
		try (EventProbe probe = EventProbe.forInvoices(TOPIC, expected.keySet())) {
			List<ConsumerRecord<String, Object>> records = await().atMost(WAIT)
				.pollInterval(Duration.ofMillis(10))
				.until(probe::seenSoFar,
						(seen) -> seen.stream()
							.map((r) -> r.key() + "@" + header(r, "invoiceVersion"))
							.toList()
							.containsAll(wanted));
			Map<String, List<Long>> arrived = new HashMap<>();
			for (ConsumerRecord<String, Object> record : records) {
				SpecificRecord value = (SpecificRecord) record.value();
				long version = Long.parseLong(header(record, "invoiceVersion"));
				List<String> types = expected.get(record.key());
				assertThat(version).as("version of %s", record.key()).isBetween(1L, (long) types.size());
				assertThat(header(record, "eventType")).isEqualTo(types.get((int) version - 1));
				assertThat(value.getClass().getSimpleName()).isEqualTo(types.get((int) version - 1));
				assertThat(value.get(value.getSchema().getField("invoiceId").pos()).toString()).isEqualTo(record.key());
				assertThat(value.get(value.getSchema().getField("invoiceVersion").pos())).isEqualTo(version);
				arrived.computeIfAbsent(record.key(), (k) -> new ArrayList<>()).add(version);
			}
			int duplicates = 0;
			for (Map.Entry<String, List<String>> invoice : expected.entrySet()) {
				List<Long> versions = arrived.get(invoice.getKey());
				// a redelivery repeats a run already sent; the first arrival of every
				// version is in order
				List<Long> firstArrivals = versions.stream().distinct().toList();
				List<Long> all = new ArrayList<>();
				for (long v = 1; v <= invoice.getValue().size(); v++) {
					all.add(v);
				}
				assertThat(firstArrivals).as("first arrivals of %s (all: %s)", invoice.getKey(), versions)
					.isEqualTo(all);
				duplicates += versions.size() - firstArrivals.size();
			}
			System.out.printf("TwoInstancesTest: %d invoices, %d events, %d redelivered duplicates%n", expected.size(),
					wanted.size(), duplicates);
		}
	}

	/** One running application context. */
	private record Instance(String name, ConfigurableApplicationContext context, int port, int managementPort,
			MeterRegistry meters) {

		static Instance start(String name) {
			Map<String, String> properties = TestInfrastructure.springProperties(DATABASE);
			properties.put("server.port", "0");
			properties.put("management.server.port", "0");
			properties.put("spring.datasource.hikari.maximum-pool-size", "4");
			properties.put("tally.outbox.poll-interval", "200ms");
			properties.put("tally.outbox.leader-retry-interval", "200ms");
			properties.put("logging.level.io.tally.invoice.invoice", "WARN");
			ConfigurableApplicationContext context = new SpringApplicationBuilder(InvoiceServiceApplication.class)
				.registerShutdownHook(false)
				.run(TestInfrastructure.commandLine(properties));
			int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			int managementPort = context.getEnvironment().getRequiredProperty("local.management.port", Integer.class);
			// writes need the event schemas, registered in the background after start-up
			JsonHttp management = JsonHttp.localhost(managementPort);
			await().atMost(WAIT).until(() -> management.get("/actuator/health/readiness").status() == 200);
			return new Instance(name, context, port, managementPort, context.getBean(MeterRegistry.class));
		}

		boolean isLeader() {
			return this.meters.get("tally.outbox.leader").gauge().value() == 1.0;
		}

		double pending() {
			return this.meters.get("tally.outbox.pending").gauge().value();
		}

		double published() {
			return this.meters.get("tally.outbox.published").counter().count();
		}

		JdbcTemplate jdbc() {
			return this.context.getBean(JdbcTemplate.class);
		}

		/**
		 * What {@code /actuator/health} says about leadership, as operators see it (on
		 * the management port, with {@code ops:admin}).
		 */
		boolean healthSaysLeader() {
			JsonHttp.Response health = new JsonHttp("http://localhost:" + this.managementPort,
					() -> TestInfrastructure.issuer().bearer(Scopes.OPS_ADMIN))
				.get("/actuator/health/outboxRelay");
			assertThat(health.status()).isEqualTo(200);
			assertThat(health.body()).containsAnyOf("\"leader\":true", "\"leader\":false");
			return health.body().contains("\"leader\":true");
		}

		JsonHttp.Response send(String method, String path, String json) {
			return new JsonHttp("http://localhost:" + this.port,
					() -> TestInfrastructure.issuer().bearer(Scopes.INVOICES_READ, Scopes.INVOICES_WRITE))
				.send(method, path, json);
		}

	}

	/**
	 * The changes made to one invoice: created through one instance, updated through the
	 * other, paid through the first, optionally deleted through the other.
	 */
	private record History(String id, List<String> eventTypes) {

		static History write(Instance first, Instance second, boolean delete) {
			UUID customer = UUID.randomUUID();
			JsonHttp.Response created = first.send("POST", "/api/invoices",
					"{\"customerId\":\"" + customer + "\",\"amountMinor\":1200,\"issueDate\":\"2026-11-02\"}");
			assertThat(created.status()).as(created.body()).isEqualTo(201);
			String id = match(ID, created.body());
			assertThat(match(VERSION, created.body())).isEqualTo("1");
			JsonHttp.Response updated = second.send("PUT", "/api/invoices/" + id, "{\"customerId\":\"" + customer
					+ "\",\"amountMinor\":2400,\"currency\":\"USD\",\"status\":\"PENDING\",\"issueDate\":\"2026-11-02\"}");
			assertThat(updated.status()).as(updated.body()).isEqualTo(200);
			assertThat(match(VERSION, updated.body())).isEqualTo("2");
			JsonHttp.Response paid = first.send("POST", "/api/invoices/" + id + "/payment", null);
			assertThat(paid.status()).as(paid.body()).isEqualTo(200);
			assertThat(match(VERSION, paid.body())).isEqualTo("3");
			if (!delete) {
				return new History(id, List.of("InvoiceCreated", "InvoiceUpdated", "InvoicePaid"));
			}
			assertThat(second.send("DELETE", "/api/invoices/" + id, null).status()).isEqualTo(204);
			return new History(id, List.of("InvoiceCreated", "InvoiceUpdated", "InvoicePaid", "InvoiceDeleted"));
		}

		private static String match(Pattern pattern, String body) {
			Matcher matcher = pattern.matcher(body);
			assertThat(matcher.find()).as("%s in %s", pattern, body).isTrue();
			return matcher.group(1);
		}

	}

	/**
	 * Keeps writing invoice histories in the background (through the given instances)
	 * until closed, so that changes are made while leadership is moving.
	 */
	private static final class Writer implements AutoCloseable {

		private static final int LIMIT = 500;

		private final AtomicBoolean stop = new AtomicBoolean();

		private final AtomicInteger written = new AtomicInteger();

		private final CompletableFuture<Void> done;

		Writer(ConcurrentLinkedQueue<History> histories, Instance first, Instance second) {
			this.done = CompletableFuture.runAsync(() -> {
				while (!this.stop.get() && this.written.get() < LIMIT) {
					histories.add(History.write(first, second, this.written.get() % 3 == 0));
					this.written.incrementAndGet();
				}
			}, background);
		}

		int written() {
			return this.written.get();
		}

		void awaitHistories(int count) {
			await().atMost(WAIT).until(() -> this.done.isDone() || this.written.get() >= count);
			if (this.done.isCompletedExceptionally()) {
				this.done.join();
			}
			assertThat(this.written.get()).as("histories written in the background").isGreaterThanOrEqualTo(count);
		}

		@Override
		public void close() {
			this.stop.set(true);
			// surfaces a failed write (an assertion error in the writer) in the test
			this.done.join();
		}

	}

}
