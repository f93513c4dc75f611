package io.tally.revenue.freshness;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

import io.tally.events.testing.InvoiceEvents;
import io.tally.revenue.IntegrationTestBase;
import io.tally.revenue.projection.kafka.EventProducer;
import io.tally.testsupport.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How soon the live stream tells a subscriber about a change: events for new customers
 * are produced at a fixed rate; for each, the time from the broker's acknowledgement to
 * the {@code revenue-changed} event naming that customer. For scale, the same records'
 * acknowledgement → delivery to a plain Kafka consumer (no projection) in the same run.
 * Prints figures; asserts only that every change arrived. Run it explicitly:
 * {@code ./mvnw -B -pl revenue-service -am verify -Dtest=RevenueStreamBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -DargLine="-Dbench.events=N -Dbench.rate=R"} to vary).
 */
class RevenueStreamBenchmark extends IntegrationTestBase {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void streamsEachChangeSoonAfterItIsAcknowledged() throws Exception {
		int count = Integer.getInteger("bench.events", 3_000);
		int rate = Integer.getInteger("bench.rate", 200);
		Map<String, Long> acked = new ConcurrentHashMap<>();
		Map<String, Long> streamed = new ConcurrentHashMap<>();
		Map<String, Long> consumed = new ConcurrentHashMap<>();
		try (EventProducer events = new EventProducer();
				SseClient client = new SseClient("http://localhost:" + this.port + "/api/revenue/stream");
				KafkaConsumer<String, byte[]> reference = referenceConsumer()) {
			assertThat(client.next(Duration.ofSeconds(10)).name()).isEqualTo("ready");
			Thread streamReader = new Thread(() -> readStream(client, streamed, count), "bench-stream");
			Thread consumerReader = new Thread(() -> readTopic(reference, consumed, count), "bench-consumer");
			streamReader.start();
			consumerReader.start();
			long interval = 1_000_000_000L / rate;
			long next = System.nanoTime();
			for (int i = 0; i < count; i++) {
				LockSupport.parkNanos(next - System.nanoTime());
				next += interval;
				UUID invoice = UUID.randomUUID();
				UUID customer = UUID.randomUUID();
				events.send(InvoiceEvents.created(invoice, customer, 100 + i, "EUR", LocalDate.of(2153, 1, 1)));
				acked.put(customer.toString(), System.nanoTime());
				// the reference consumer keys by invoice: remember both
				acked.put(invoice.toString(), acked.get(customer.toString()));
			}
			streamReader.join(60_000);
			consumerReader.join(60_000);
		}
		List<Double> streamMs = latencies(acked, streamed);
		List<Double> kafkaMs = latencies(acked, consumed);
		System.out.printf("%nRevenue stream: %d changes at %d/s; broker ack -> revenue-changed event received:%n",
				count, rate);
		System.out.printf("  p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (%d received)%n", pct(streamMs, 50),
				pct(streamMs, 90), pct(streamMs, 99), pct(streamMs, 100), streamMs.size());
		System.out.printf("Reference, same run: broker ack -> record delivered to a plain consumer:%n");
		System.out.printf("  p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (%d received)%n%n", pct(kafkaMs, 50),
				pct(kafkaMs, 90), pct(kafkaMs, 99), pct(kafkaMs, 100), kafkaMs.size());
		assertThat(streamMs).hasSize(count);
	}

	private static void readStream(SseClient client, Map<String, Long> streamed, int count) {
		try {
			while (streamed.size() < count) {
				SseClient.Event event = client.next(Duration.ofSeconds(30));
				if (event == null) {
					return;
				}
				if (event.name().equals("revenue-changed")) {
					for (JsonNode entry : JSON.readTree(event.data()).get("customers")) {
						streamed.putIfAbsent(entry.get("customerId").asString(), event.receivedNanos());
					}
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void readTopic(KafkaConsumer<String, byte[]> consumer, Map<String, Long> consumed, int count) {
		long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
		while (consumed.size() < count && System.nanoTime() < deadline) {
			for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
				consumed.putIfAbsent(record.key(), System.nanoTime());
			}
		}
	}

	private static KafkaConsumer<String, byte[]> referenceConsumer() {
		KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, "stream-benchmark-reference-" + UUID.randomUUID(),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"),
				new StringDeserializer(), new ByteArrayDeserializer());
		consumer.subscribe(List.of(EventProducer.TOPIC));
		// join the group and take positions at the end before anything is produced
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
			consumer.poll(Duration.ofMillis(100));
		}
		consumer.assignment().forEach(consumer::position);
		return consumer;
	}

	private static List<Double> latencies(Map<String, Long> sent, Map<String, Long> received) {
		List<Double> result = new ArrayList<>();
		received.forEach((key, at) -> {
			Long from = sent.get(key);
			if (from != null) {
				result.add(Math.max(0, at - from) / 1e6);
			}
		});
		Collections.sort(result);
		return result;
	}

	private static double pct(List<Double> sorted, int percentile) {
		if (sorted.isEmpty()) {
			return Double.NaN;
		}
		int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
	}

}
