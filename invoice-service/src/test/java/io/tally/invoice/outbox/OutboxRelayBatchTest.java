package io.tally.invoice.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
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
			RelayRig.Relay relay = rig.relayHolding(() -> producer, breaker, () -> true);

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
	void keepsTheAcknowledgedRowsOfAnInvoiceThatFollowItsFailedRow() {
		try (RelayRig rig = new RelayRig("relay_batch", "relay-batch-events")) {
			String a = rig.writeInvoiceHistory(4);
			String b = rig.writeInvoiceHistory(2);
			List<Long> ids = rig.jdbc.queryForList("SELECT id FROM outbox ORDER BY id", Long.class);
			// the failure of a's version 2 is only reported after a's versions 3 and 4
			// (and
			// b's rows) were handed to the producer, and those are acknowledged
			AsynchronouslyFailingProducer producer = new AsynchronouslyFailingProducer(2);
			RelayRig.Relay relay = rig.relayHolding(() -> producer, RelayRig.fastBreaker("batch-prefix"), () -> true);

			int deleted = relay.relay().publishBatch();

			assertThat(producer.sent).as("every row was handed to the producer").hasSize(6);
			assertThat(deleted).isEqualTo(3);
			// a: version 1 only (the prefix before the failure); b: both versions
			assertThat(rig.jdbc.queryForList("SELECT id FROM outbox ORDER BY id", Long.class))
				.as("a's versions 2, 3 and 4 wait, to be sent again in version order")
				.containsExactlyElementsOf(ids.subList(1, 4));
			assertThat(rig.jdbc.queryForList("SELECT DISTINCT record_key FROM outbox", String.class)).containsExactly(a)
				.doesNotContain(b);
			assertThat(relay.counter("tally.outbox.published")).isEqualTo(3);
			assertThat(relay.counter("tally.outbox.publish.failures")).isEqualTo(1);

			// the next round re-sends a from version 2 on: the topic's last record of a
			// is
			// version 4
			AsynchronouslyFailingProducer next = new AsynchronouslyFailingProducer(Integer.MAX_VALUE);
			RelayRig.Relay retry = rig.relayHolding(() -> next, RelayRig.fastBreaker("batch-prefix-retry"), () -> true);
			assertThat(retry.relay().publishBatch()).isEqualTo(3);
			assertThat(next.sent).extracting((r) -> new String(r.headers().lastHeader("invoiceVersion").value()))
				.containsExactly("2", "3", "4");
			assertThat(rig.pendingRows()).isZero();
		}
	}

	@Test
	void sendsNothingMoreOnceItsLeaseIsNoLongerHeld() {
		try (RelayRig rig = new RelayRig("relay_batch", "relay-batch-events")) {
			rig.writeInvoiceHistory(6);
			List<Long> ids = rig.jdbc.queryForList("SELECT id FROM outbox ORDER BY id", Long.class);
			FailingProducer producer = new FailingProducer(Integer.MAX_VALUE);
			CircuitBreaker breaker = RelayRig.fastBreaker("batch-fenced");
			// the lease is checked before every send: it runs out after the third
			AtomicInteger checks = new AtomicInteger();
			RelayRig.Relay relay = rig.relayHolding(() -> producer, breaker, () -> checks.incrementAndGet() <= 3);

			int acknowledged = relay.relay().publishBatch();

			assertThat(producer.sent).as("sent under the lease").hasSize(3);
			assertThat(acknowledged).isEqualTo(3);
			assertThat(rig.jdbc.queryForList("SELECT id FROM outbox ORDER BY id", Long.class))
				.containsExactlyElementsOf(ids.subList(3, 6));
			assertThat(producer.closed()).as("nothing it still buffers may go out later").isTrue();
			assertThat(relay.counter("tally.outbox.publish.failures")).as("the broker did nothing wrong").isZero();
			assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();

			checks.set(0);
			FailingProducer next = new FailingProducer(Integer.MAX_VALUE);
			RelayRig.Relay expired = rig.relayHolding(() -> next, RelayRig.fastBreaker("batch-expired"), () -> false);
			assertThat(expired.relay().publishBatch()).isZero();
			assertThat(next.sent).as("a relay without a lease sends nothing").isEmpty();
			assertThat(rig.pendingRows()).isEqualTo(3);
		}
	}

	@Test
	void sendsRowsInIdOrderWithKeyAndHeaders() {
		try (RelayRig rig = new RelayRig("relay_batch", "relay-batch-events")) {
			String id = rig.writeInvoiceHistory(3);
			FailingProducer producer = new FailingProducer(Integer.MAX_VALUE);
			RelayRig.Relay relay = rig.relayHolding(() -> producer, RelayRig.fastBreaker("batch-order"), () -> true);

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
	 * Completes the sends only when flushed, in send order, failing the n-th (1-based):
	 * like a broker whose error for one record arrives after later records were sent.
	 */
	private static final class AsynchronouslyFailingProducer extends MockProducer<byte[], byte[]> {

		final List<ProducerRecord<byte[], byte[]>> sent = new ArrayList<>();

		private final List<Callback> callbacks = new ArrayList<>();

		private final List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();

		private final int failing;

		AsynchronouslyFailingProducer(int failing) {
			super(false, null, new ByteArraySerializer(), new ByteArraySerializer());
			this.failing = failing;
		}

		@Override
		public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
			this.sent.add(record);
			this.callbacks.add(callback);
			CompletableFuture<RecordMetadata> future = new CompletableFuture<>();
			this.futures.add(future);
			return future;
		}

		@Override
		public synchronized void flush() {
			for (int i = 0; i < this.futures.size(); i++) {
				if (this.futures.get(i).isDone()) {
					continue;
				}
				if (i + 1 == this.failing) {
					NetworkException failure = new NetworkException("broker gone");
					this.callbacks.get(i).onCompletion(null, failure);
					this.futures.get(i).completeExceptionally(failure);
				}
				else {
					RecordMetadata metadata = new RecordMetadata(new TopicPartition(this.sent.get(i).topic(), 0), i, 0,
							0L, 0, 0);
					this.callbacks.get(i).onCompletion(metadata, null);
					this.futures.get(i).complete(metadata);
				}
			}
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
