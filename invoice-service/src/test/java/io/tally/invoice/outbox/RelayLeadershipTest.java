package io.tally.invoice.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tally.invoice.EventProbe;
import io.tally.testsupport.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static io.tally.invoice.EventProbe.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two relays against one database: one publishes; when it dies the other takes over and
 * no event is lost.
 */
class RelayLeadershipTest {

	@Test
	void oneLeaderAndLeadershipMovesWhenItDies() {
		try (RelayRig rig = new RelayRig("relay_leadership", "relay-leadership-events")) {
			RelayRig.Relay a = rig.relay(RelayRig.producers(TestInfrastructure.kafkaBootstrapServers()),
					RelayRig.fastBreaker("leader-a"));
			RelayRig.Relay b = rig.relay(RelayRig.producers(TestInfrastructure.kafkaBootstrapServers()),
					RelayRig.fastBreaker("leader-b"));
			a.relay().start();
			b.relay().start();
			try {
				await().atMost(Duration.ofSeconds(10)).until(() -> a.relay().isLeader() ^ b.relay().isLeader());
				RelayRig.Relay leader = a.relay().isLeader() ? a : b;
				RelayRig.Relay follower = (leader == a) ? b : a;
				assertThat(follower.gauge("tally.outbox.leader")).isZero();
				assertThat(leader.gauge("tally.outbox.leader")).isOne();

				List<String> ids = new ArrayList<>();
				ids.add(rig.writeInvoiceHistory(5));
				await().atMost(Duration.ofSeconds(30)).until(() -> rig.pendingRows() == 0);
				assertThat(follower.counter("tally.outbox.published")).isZero();

				// the leader dies (its context stops, its lock session ends): the
				// follower takes over within seconds
				leader.relay().stop();
				await().atMost(Duration.ofSeconds(10)).until(() -> follower.relay().isLeader());
				ids.add(rig.writeInvoiceHistory(5));
				await().atMost(Duration.ofSeconds(30)).until(() -> rig.pendingRows() == 0);

				// the new leader's database session is killed: it notices, and someone
				// leads again
				leader.relay().start();
				int killedPid = follower.relay().leadership().backendPid();
				assertThat(killedPid).isPositive();
				rig.jdbc.queryForObject("SELECT pg_terminate_backend(?)", Boolean.class, killedPid);
				ids.add(rig.writeInvoiceHistory(5));
				await().atMost(Duration.ofSeconds(15)).until(() -> {
					RelayRig.Relay current = a.relay().isLeader() ? a : (b.relay().isLeader() ? b : null);
					return (a.relay().isLeader() ^ b.relay().isLeader())
							&& current.relay().leadership().backendPid() != killedPid;
				});
				await().atMost(Duration.ofSeconds(30)).until(() -> rig.pendingRows() == 0);

				try (EventProbe probe = EventProbe.forInvoices(rig.topic, new HashSet<>(ids))) {
					List<ConsumerRecord<String, Object>> records = probe.awaitCount(15, Duration.ofSeconds(30));
					Map<String, Set<Long>> versions = new HashMap<>();
					for (ConsumerRecord<String, Object> record : records) {
						versions.computeIfAbsent(record.key(), (k) -> new HashSet<>())
							.add(Long.parseLong(header(record, "invoiceVersion")));
					}
					for (String id : ids) {
						assertThat(versions.get(id)).as("versions of %s", id)
							.containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L);
					}
				}
			}
			finally {
				a.relay().stop();
				b.relay().stop();
			}
		}
	}

}
