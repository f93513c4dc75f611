package io.tally.invoice.outbox;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.tally.invoice.EventProbe;
import io.tally.testsupport.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;

import static io.tally.invoice.EventProbe.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kafka unreachable: rows wait in the outbox, the breaker opens instead of hammering the
 * broker, and once the broker is reachable again every event arrives, in order per
 * invoice, and the backlog returns to zero.
 */
class RelayOutageTest {

	@Test
	void rowsWaitWhileTheBrokerIsDownAndDrainInOrderOnRecovery() throws Exception {
		String deadBroker = "127.0.0.1:" + unusedPort();
		AtomicBoolean brokerUp = new AtomicBoolean(false);
		Supplier<Producer<byte[], byte[]>> dead = RelayRig.producers(deadBroker);
		Supplier<Producer<byte[], byte[]>> live = RelayRig.producers(TestInfrastructure.kafkaBootstrapServers());
		CircuitBreaker breaker = RelayRig.fastBreaker("outage-test");
		List<CircuitBreaker.State> states = new ArrayList<>();
		breaker.getEventPublisher().onStateTransition((e) -> states.add(e.getStateTransition().getToState()));

		try (RelayRig rig = new RelayRig("relay_outage", "relay-outage-events")) {
			RelayRig.Relay relay = rig.relay(() -> brokerUp.get() ? live.get() : dead.get(), breaker);
			relay.relay().start();
			try {
				List<String> ids = new ArrayList<>();
				for (int i = 0; i < 3; i++) {
					ids.add(rig.writeInvoiceHistory(10));
				}
				await().atMost(Duration.ofSeconds(30))
					.until(() -> breaker.getState() == CircuitBreaker.State.OPEN
							&& relay.counter("tally.outbox.publish.failures") >= 1);
				assertThat(rig.pendingRows()).isEqualTo(30);
				assertThat(relay.gauge("tally.outbox.pending")).isEqualTo(30);
				assertThat(relay.gauge("tally.outbox.oldest.pending.age")).isPositive();
				assertThat(relay.counter("tally.outbox.published")).isZero();
				double failuresWhileOpen = relay.counter("tally.outbox.publish.failures");

				brokerUp.set(true);

				try (EventProbe probe = EventProbe.forInvoices(rig.topic, Set.copyOf(ids))) {
					List<ConsumerRecord<String, Object>> records = probe.awaitCount(30, Duration.ofSeconds(60));
					Map<String, List<Long>> versions = new HashMap<>();
					for (ConsumerRecord<String, Object> record : records) {
						versions.computeIfAbsent(record.key(), (k) -> new ArrayList<>())
							.add(Long.parseLong(header(record, "invoiceVersion")));
					}
					for (String id : ids) {
						assertThat(versions.get(id)).as("versions of %s", id)
							.containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
					}
				}
				await().atMost(Duration.ofSeconds(10)).until(() -> relay.gauge("tally.outbox.pending") == 0);
				assertThat(rig.pendingRows()).isZero();
				assertThat(relay.counter("tally.outbox.published")).isEqualTo(30);
				assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
				assertThat(states).contains(CircuitBreaker.State.OPEN, CircuitBreaker.State.HALF_OPEN,
						CircuitBreaker.State.CLOSED);
				// the breaker spaced the attempts out: a handful of probes, not a hot
				// loop
				assertThat(failuresWhileOpen).isLessThan(30);
			}
			finally {
				relay.relay().stop();
			}
		}
	}

	private static int unusedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
