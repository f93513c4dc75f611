package io.tally.invoice.outbox;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;

import io.tally.invoice.invoice.Invoice;
import io.tally.invoice.invoice.InvoiceEvent;
import io.tally.invoice.invoice.InvoiceStatus;
import io.tally.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Drain rate of the relay for a 100,000-row backlog on the shared broker (events/s).
 * Prints figures; asserts only that the backlog drained. Run:
 * {@code ./mvnw -B -pl invoice-service -am verify -Dtest=OutboxDrainBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class OutboxDrainBenchmark {

	private static final int ROWS = Integer.getInteger("bench.rows", 100_000);

	private static final int BATCH = Integer.getInteger("bench.batch", 2_000);

	@Test
	void drainsABacklog() {
		try (RelayRig rig = new RelayRig("outbox_drain_bench", "outbox-drain-bench")) {
			Instant now = Instant.now();
			OutboxRow template = rig.writer.toRow(new InvoiceEvent.Updated(UUID.randomUUID(), now,
					new Invoice(UUID.randomUUID(), UUID.randomUUID(), 15795, "USD", InvoiceStatus.PENDING,
							LocalDate.parse("2026-11-02"), null, 2, now, now, null, null)));
			long fillStart = System.nanoTime();
			// 1,000 invoices with 100 versions each; a real serialized payload
			rig.jdbc.update("""
					INSERT INTO outbox (record_key, event_id, event_type, invoice_version, payload)
					SELECT md5((g % 1000)::text)::uuid::text, gen_random_uuid(), ?, g / 1000 + 1, ?
					FROM generate_series(0, ? - 1) AS g
					""", template.eventType(), template.payload(), ROWS);
			double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
			assertThat(rig.pendingRows()).isEqualTo(ROWS);

			RelayRig.Relay relay = rig.relay(RelayRig.producers(TestInfrastructure.kafkaBootstrapServers()),
					RelayRig.fastBreaker("drain-bench"), BATCH);
			long start = System.nanoTime();
			relay.relay().start();
			try {
				await().atMost(Duration.ofMinutes(5))
					.pollInterval(Duration.ofMillis(20))
					.until(() -> relay.counter("tally.outbox.published") >= ROWS);
				double seconds = (System.nanoTime() - start) / 1e9;
				assertThat(rig.pendingRows()).isZero();
				System.out.printf(Locale.ROOT,
						"%nOutboxDrainBenchmark: %,d rows (%d B payload), batch %d: drained in %.2f s = %,.0f events/s "
								+ "(backlog filled in %.2f s); commit-to-ack max %.1f s; failures %.0f%n%n",
						ROWS, template.payload().length, BATCH, seconds, ROWS / seconds, fillSeconds,
						relay.meters()
							.get("tally.outbox.commit.to.ack")
							.timer()
							.max(java.util.concurrent.TimeUnit.SECONDS),
						relay.counter("tally.outbox.publish.failures"));
			}
			finally {
				relay.relay().stop();
			}
		}
	}

}
