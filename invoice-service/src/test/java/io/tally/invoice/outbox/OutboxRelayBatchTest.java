package io.tally.invoice.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One relay round against the real outbox table with a producer that fails on a chosen
 * send.
 */
class OutboxRelayBatchTest {

	@Test
	void deletesExactlyTheAcknowledgedRowsAndStopsAtTheFirstFailure() {
		try (RelayRig rig = new RelayRig("relay_batch", "relay-batch-events")) {
			rig.writeInvoiceHistory(6);
			List<Long> ids = rig.jdbc.queryForList("SELECT id FROM outbox ORDER BY id", Long.class);
			FailingProducer producer = new FailingProducer(3);
			CircuitBreaker breaker = RelayRig.fastBreaker("batch-test");
			RelayRig.Relay relay = rig.relay(() -> producer, breaker);

			int acknowledged = relay.relay().publishBatch();

			assertThat(acknowledged).isEqualTo(2);
			assertThat(producer.sent).as("nothing is sent after the failed send").hasSize(3);
			assertThat(rig.jdbc.queryForList("SELECT id FROM outbox ORDER BY id", Long.class))
				.containsExactlyElementsOf(ids.subList(2, 6));
			assertThat(relay.counter("tally.outbox.published")).isEqualTo(2);
			assertThat(relay.counter("tally.outbox.publish.failures")).isEqualTo(1);
			assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
			assertThat(producer.closed()).as("a failed producer is replaced").isTrue();
		}
	}

	@Test
	void sendsRowsInIdOrderWithKeyAndHeaders() {
		try (RelayRig rig = new RelayRig("relay_batch", "relay-batch-events")) {
			String id = rig.writeInvoiceHistory(3);
			FailingProducer producer = new FailingProducer(Integer.MAX_VALUE);
			RelayRig.Relay relay = rig.relay(() -> producer, RelayRig.fastBreaker("batch-order"));

			assertThat(relay.relay().publishBatch()).isEqualTo(3);

			assertThat(producer.sent).extracting((r) -> new String(r.key())).containsOnly(id);
			assertThat(producer.sent).extracting((r) -> new String(r.headers().lastHeader("invoiceVersion").value()))
				.containsExactly("1", "2", "3");
			assertThat(producer.sent).extracting((r) -> new String(r.headers().lastHeader("eventType").value()))
				.containsExactly("InvoiceCreated", "InvoiceUpdated", "InvoiceUpdated");
			assertThat(producer.sent).allSatisfy((r) -> assertThat(r.value()[0]).as("Confluent magic byte").isZero());
			assertThat(rig.pendingRows()).isZero();
		}
	}

	/**
	 * Acknowledges every send except the n-th (1-based), which fails like a broker error
	 * would.
	 */
	private static final class FailingProducer extends MockProducer<byte[], byte[]> {

		final List<ProducerRecord<byte[], byte[]>> sent = new ArrayList<>();

		private final int failing;

		FailingProducer(int failing) {
			super(true, null, new ByteArraySerializer(), new ByteArraySerializer());
			this.failing = failing;
		}

		@Override
		public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
			this.sent.add(record);
			if (this.sent.size() == this.failing) {
				NetworkException failure = new NetworkException("broker gone");
				callback.onCompletion(null, failure);
				return CompletableFuture.failedFuture(failure);
			}
			return super.send(record, callback);
		}

	}

}
