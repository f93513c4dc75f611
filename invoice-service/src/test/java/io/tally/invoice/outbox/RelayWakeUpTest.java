package io.tally.invoice.outbox;

import java.time.Duration;

import io.tally.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/** The writer's NOTIFY wakes the relay; it does not wait for its timer. */
class RelayWakeUpTest {

	@Test
	void publishesOnNotifyLongBeforeThePollInterval() {
		try (RelayRig rig = new RelayRig("relay_wakeup", "relay-wakeup-events")) {
			RelayRig.Relay relay = rig.relay(RelayRig.producers(TestInfrastructure.kafkaBootstrapServers()),
					RelayRig.fastBreaker("wakeup"), 500, Duration.ofMinutes(5));
			relay.relay().start();
			try {
				await().atMost(Duration.ofSeconds(10)).until(() -> relay.relay().isLeader());
				// let the first round (which runs at once) finish, so the relay is parked
				// waiting
				await().pollDelay(Duration.ofMillis(300)).until(() -> true);
				rig.writeInvoiceHistory(1);
				await().atMost(Duration.ofSeconds(10)).until(() -> relay.counter("tally.outbox.published") == 1);
			}
			finally {
				relay.relay().stop();
			}
		}
	}

}
