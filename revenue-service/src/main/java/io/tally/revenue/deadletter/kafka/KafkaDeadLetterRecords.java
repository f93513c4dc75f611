package io.tally.revenue.deadletter.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.tally.events.invoice.InvoiceEventType;
import io.tally.revenue.deadletter.DeadLetterRecords;
import io.tally.revenue.deadletter.DeadLetterTopicUnavailable;
import io.tally.revenue.deadletter.DecodedValue;
import io.tally.revenue.deadletter.RecordPosition;
import io.tally.revenue.deadletter.StoredRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Reads dead letters by position with a short-lived consumer ({@code assign} +
 * {@code seek}, no group) and re-drives them with a producer of raw bytes: the original
 * key and value, the original headers without Spring's {@code kafka_dlt-*} ones.
 */
class KafkaDeadLetterRecords implements DeadLetterRecords, AutoCloseable {

	/** Prefix of the headers Spring's dead-letter recoverer adds. */
	static final String DEAD_LETTER_HEADER_PREFIX = "kafka_dlt-";

	private final Map<String, Object> consumerConfig;

	private final Map<String, Object> producerConfig;

	private KafkaProducer<byte[], byte[]> producer;

	private final String eventTopic;

	private final Duration timeout;

	private final EventDecoder decoder;

	KafkaDeadLetterRecords(Map<String, Object> consumerConfig, Map<String, Object> producerConfig, String eventTopic,
			Duration timeout, EventDecoder decoder) {
		this.consumerConfig = new HashMap<>(consumerConfig);
		this.consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
		this.consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		// a record deleted by retention between the check and the fetch shows up as a
		// gap, not as an error
		this.consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		this.producerConfig = new HashMap<>(producerConfig);
		this.producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		this.producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		this.eventTopic = eventTopic;
		this.timeout = timeout;
		this.decoder = decoder;
	}

	@Override
	public Map<RecordPosition, StoredRecord> read(Collection<RecordPosition> positions) {
		if (positions.isEmpty()) {
			return Map.of();
		}
		Map<TopicPartition, TreeSet<Long>> wanted = new HashMap<>();
		positions.forEach((position) -> wanted
			.computeIfAbsent(new TopicPartition(position.topic(), position.partition()), (tp) -> new TreeSet<>())
			.add(position.offset()));
		long deadline = System.nanoTime() + this.timeout.toNanos();
		Map<RecordPosition, StoredRecord> found = new HashMap<>();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(this.consumerConfig,
				new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
			Map<TopicPartition, Long> beginning = consumer.beginningOffsets(wanted.keySet(), this.timeout);
			Map<TopicPartition, Long> end = consumer.endOffsets(wanted.keySet(), this.timeout);
			for (Map.Entry<TopicPartition, TreeSet<Long>> partition : wanted.entrySet()) {
				TopicPartition tp = partition.getKey();
				TreeSet<Long> offsets = partition.getValue();
				offsets.removeIf((offset) -> offset < beginning.get(tp) || offset >= end.get(tp));
				consumer.assign(List.of(tp));
				while (!offsets.isEmpty()) {
					consumer.seek(tp, offsets.first());
					List<ConsumerRecord<byte[], byte[]>> polled = poll(consumer, tp, deadline);
					for (ConsumerRecord<byte[], byte[]> record : polled) {
						if (offsets.contains(record.offset())) {
							found.put(new RecordPosition(tp.topic(), tp.partition(), record.offset()), stored(record));
						}
					}
					long lastPolled = polled.get(polled.size() - 1).offset();
					// an offset skipped over does not exist (e.g. deleted meanwhile)
					offsets.removeIf((offset) -> offset <= lastPolled);
				}
			}
		}
		catch (KafkaException ex) {
			throw new DeadLetterTopicUnavailable("Cannot read the dead-letter topic: " + ex.getMessage(), ex);
		}
		return found;
	}

	private List<ConsumerRecord<byte[], byte[]>> poll(KafkaConsumer<byte[], byte[]> consumer, TopicPartition tp,
			long deadline) {
		while (System.nanoTime() < deadline) {
			List<ConsumerRecord<byte[], byte[]>> records = consumer.poll(Duration.ofMillis(100)).records(tp);
			if (!records.isEmpty()) {
				return records;
			}
		}
		throw new DeadLetterTopicUnavailable("No records from " + tp + " within " + this.timeout, null);
	}

	private static StoredRecord stored(ConsumerRecord<byte[], byte[]> record) {
		List<StoredRecord.Header> headers = new ArrayList<>();
		record.headers()
			.forEach((header) -> headers.add(new StoredRecord.Header(header.key(), header.value(),
					RecordText.header(header.key(), header.value()))));
		return new StoredRecord(new RecordPosition(record.topic(), record.partition(), record.offset()), record.key(),
				record.value(), headers);
	}

	@Override
	public RecordPosition redrive(StoredRecord record) {
		List<Header> headers = record.headers()
			.stream()
			.filter((header) -> !header.name().startsWith(DEAD_LETTER_HEADER_PREFIX))
			.<Header>map((header) -> new RecordHeader(header.name(), header.value()))
			.toList();
		ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(this.eventTopic, null, record.key(), record.value(),
				headers);
		try {
			RecordMetadata sent = producer().send(out).get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
			return new RecordPosition(sent.topic(), sent.partition(), sent.offset());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DeadLetterTopicUnavailable("Interrupted while re-driving to " + this.eventTopic, ex);
		}
		catch (ExecutionException | TimeoutException | KafkaException ex) {
			// a timed-out send may still land later: the version guard makes that
			// harmless
			throw new DeadLetterTopicUnavailable("Cannot re-drive to " + this.eventTopic + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public DecodedValue decode(byte[] value) {
		return this.decoder.forPeople(value);
	}

	@Override
	public Set<String> eventTypes() {
		return Stream.of(InvoiceEventType.values()).map(InvoiceEventType::recordName).collect(Collectors.toSet());
	}

	// made at the first re-drive, like Spring's producer factories: starting the service
	// needs no broker
	private synchronized KafkaProducer<byte[], byte[]> producer() {
		if (this.producer == null) {
			this.producer = new KafkaProducer<>(this.producerConfig);
		}
		return this.producer;
	}

	@Override
	public synchronized void close() {
		if (this.producer != null) {
			this.producer.close(Duration.ofSeconds(5));
		}
	}

}
