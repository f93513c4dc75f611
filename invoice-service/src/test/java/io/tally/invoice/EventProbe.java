package io.tally.invoice;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import io.tally.events.serde.AvroSerdeConfig;
import io.tally.events.serde.KafkaAvroDeserializer;
import io.tally.testsupport.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import static org.awaitility.Awaitility.await;

/**
 * Reads a topic from the beginning with the event-schemas deserializer and keeps the
 * records of the invoices a test cares about (the broker is shared, so every test filters
 * by its own ids).
 */
public final class EventProbe implements AutoCloseable {

	private final KafkaConsumer<String, Object> consumer;

	private final List<ConsumerRecord<String, Object>> seen = new ArrayList<>();

	private final Predicate<ConsumerRecord<String, Object>> filter;

	public EventProbe(String topic, Predicate<ConsumerRecord<String, Object>> filter) {
		this.filter = filter;
		KafkaAvroDeserializer values = new KafkaAvroDeserializer();
		values.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, TestInfrastructure.schemaRegistryUrl(),
				AvroSerdeConfig.SPECIFIC_AVRO_READER, true), false);
		this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				TestInfrastructure.kafkaBootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG,
				"probe-" + UUID.randomUUID(), ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
				new StringDeserializer(), values);
		await().atMost(Duration.ofSeconds(30)).until(() -> !this.consumer.partitionsFor(topic).isEmpty());
		List<TopicPartition> partitions = this.consumer.partitionsFor(topic)
			.stream()
			.map((p) -> new TopicPartition(topic, p.partition()))
			.toList();
		this.consumer.assign(partitions);
		this.consumer.seekToBeginning(partitions);
	}

	/** A probe for the records of the given invoice ids. */
	public static EventProbe forInvoices(String topic, Set<String> invoiceIds) {
		return new EventProbe(topic, (record) -> invoiceIds.contains(record.key()));
	}

	/**
	 * Polls until {@code count} matching records have been seen; returns all matching
	 * records in arrival order.
	 */
	public List<ConsumerRecord<String, Object>> awaitCount(int count, Duration timeout) {
		await().atMost(timeout).pollInterval(Duration.ofMillis(10)).until(() -> {
			poll();
			return this.seen.size() >= count;
		});
		return List.copyOf(this.seen);
	}

	/** Records seen so far after one more short poll. */
	public List<ConsumerRecord<String, Object>> seenSoFar() {
		poll();
		return List.copyOf(this.seen);
	}

	private void poll() {
		for (ConsumerRecord<String, Object> record : this.consumer.poll(Duration.ofMillis(100))) {
			if (this.filter.test(record)) {
				this.seen.add(record);
			}
		}
	}

	public static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	@Override
	public void close() {
		this.consumer.close();
	}

}
