package io.tally.invoice.outbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.tally.invoice.EventProbe;
import io.tally.testsupport.PostgresDatabase;
import io.tally.testsupport.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static io.tally.invoice.EventProbe.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay leader runs in a JVM of its own and is frozen with {@code kill -STOP} (a
 * stalled VM, a pause without end): its lease runs out, the follower publishes the
 * changes written meanwhile within 30 s, and the old leader, thawed with
 * {@code kill -CONT}, sends nothing more.
 */
class RelayFailoverTest {

	private static final String TAG = "frozen-relay";

	private static final Duration FAILOVER_BOUND = Duration.ofSeconds(30);

	@Test
	void aFrozenLeaderLosesItsLeaseToTheFollowerAndSendsNothingAfterItThaws() throws Exception {
		try (RelayRig rig = new RelayRig("relay_failover", "relay-failover-events");
				ChildRelay child = ChildRelay.start(rig, TAG)) {
			await().atMost(Duration.ofSeconds(60)).until(() -> TAG.equals(lockHolder(rig)));
			RelayRig.Relay follower = rig.relay(RelayRig.producers(TestInfrastructure.kafkaBootstrapServers()),
					RelayRig.fastBreaker("failover-follower"));
			follower.relay().start();
			try {
				String before = rig.writeInvoiceHistory(3);
				await().atMost(Duration.ofSeconds(30)).until(() -> rig.pendingRows() == 0);
				assertThat(follower.relay().isLeader()).isFalse();

				child.signal("STOP");
				await().atMost(Duration.ofSeconds(10)).until(child::isStopped);
				long frozenAt = System.currentTimeMillis();
				long frozenNanos = System.nanoTime();
				String during = rig.writeInvoiceHistory(3);
				await().atMost(FAILOVER_BOUND).pollInterval(Duration.ofMillis(50)).until(() -> rig.pendingRows() == 0);
				long failoverMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - frozenNanos);
				assertThat(follower.relay().isLeader()).isTrue();
				assertThat(lockHolder(rig)).isNotEqualTo(TAG);
				System.out.printf("RelayFailoverTest: leader frozen; the follower published the changes written "
						+ "meanwhile %d ms later%n", failoverMillis);

				child.signal("CONT");
				child.awaitOutput("leadership lost", Duration.ofSeconds(30));
				String after = rig.writeInvoiceHistory(3);
				await().atMost(Duration.ofSeconds(30)).until(() -> rig.pendingRows() == 0);

				try (EventProbe probe = EventProbe.forInvoices(rig.topic, Set.of(before, during, after))) {
					List<ConsumerRecord<String, Object>> records = new ArrayList<>(
							probe.awaitCount(9, Duration.ofSeconds(30)));
					records.addAll(probe.seenSoFar());
					assertThat(records).filteredOn((r) -> r.key().equals(before))
						.as("published by the leader before it froze")
						.allSatisfy((r) -> assertThat(header(r, RelayProcess.TAG_HEADER)).isEqualTo(TAG));
					assertThat(records).filteredOn((r) -> TAG.equals(header(r, RelayProcess.TAG_HEADER)))
						.as("records the frozen leader created after the freeze")
						.noneMatch((r) -> r.timestamp() >= frozenAt);
					assertThat(records).filteredOn((r) -> !r.key().equals(before))
						.as("changes written during and after the freeze")
						.noneMatch((r) -> TAG.equals(header(r, RelayProcess.TAG_HEADER)));
					assertThat(records).extracting((r) -> r.key() + "@" + header(r, "invoiceVersion"))
						.contains(before + "@3", during + "@1", during + "@2", during + "@3", after + "@3");
				}
			}
			finally {
				follower.relay().stop();
			}
		}
	}

	/** Application name of the session holding the rig's relay lock, or null. */
	private static String lockHolder(RelayRig rig) {
		List<String> holders = rig.jdbc.queryForList(
				"SELECT a.application_name FROM pg_locks l "
						+ "JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted "
						+ "AND a.datname = current_database() AND l.objid::bigint = ?",
				String.class, RelayRig.LOCK_KEY);
		return holders.isEmpty() ? null : holders.get(0);
	}

	/** {@link RelayProcess} as a child JVM on this test's class path. */
	private record ChildRelay(Process process, Path output) implements AutoCloseable {

		static ChildRelay start(RelayRig rig, String tag) throws IOException {
			PostgresDatabase database = rig.database();
			Path output = Files.createDirectories(Path.of("target", "relay-processes"))
				.resolve(tag + "-" + System.currentTimeMillis() + ".log");
			String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
			Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"-Xmx256m", "-cp", classPath, RelayProcess.class.getName(), database.jdbcUrl(), database.username(),
					database.password(), TestInfrastructure.kafkaBootstrapServers(), rig.topic,
					Long.toString(RelayRig.LOCK_KEY), tag)
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			return new ChildRelay(process, output);
		}

		void signal(String name) throws IOException, InterruptedException {
			Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(this.process.pid())).start();
			assertThat(kill.waitFor()).as("kill -%s", name).isZero();
		}

		/** Whether the process is stopped (state T in /proc). */
		boolean isStopped() throws IOException {
			String stat = Files.readString(Path.of("/proc", Long.toString(this.process.pid()), "stat"));
			return stat.substring(stat.lastIndexOf(')') + 2).startsWith("T");
		}

		void awaitOutput(String text, Duration timeout) {
			await().atMost(timeout).until(() -> Files.readString(this.output, StandardCharsets.UTF_8).contains(text));
		}

		@Override
		public void close() throws InterruptedException {
			this.process.destroyForcibly();
			this.process.waitFor(10, TimeUnit.SECONDS);
		}

	}

}
