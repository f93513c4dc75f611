package io.tally.load.bulk;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.tally.events.InvoiceCreated;
import io.tally.events.invoice.InvoiceEventHeaders;
import io.tally.events.invoice.InvoiceEventType;
import io.tally.events.serde.AvroSerdeConfig;
import io.tally.events.serde.KafkaAvroSerializer;
import io.tally.events.serde.TopicRecordNameStrategy;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes invoice events to the topic as invoice-service's outbox relay does: key = the
 * invoice id as text (so Kafka's default partitioner puts them where the relay would),
 * the value in Confluent's wire format through the contract's own serializer and the real
 * registry ({@code TopicRecordNameStrategy} subjects, registered on first use), the
 * relay's three headers; an idempotent producer with {@code acks=all} and lz4, tuned for
 * throughput with large batches. Counts what it sent and what the broker acknowledged,
 * for a progress line on another thread.
 */
public final class BulkWriter implements AutoCloseable {

	private final String topic;

	private final KafkaAvroSerializer serializer;

	private final Producer<String, Object> producer;

	private final AtomicLong sent = new AtomicLong();

	private final AtomicLong acknowledged = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final AtomicReference<Exception> failure = new AtomicReference<>();

	private volatile boolean stopped;

	/**
	 * A writer with its own producer.
	 * @param bootstrapServers the broker(s)
	 * @param registryUrl the schema registry
	 * @param client Kafka client settings (security, registry credentials, tuning), over
	 * the writer's defaults; the delivery guarantees stay
	 * @param topic where to write
	 */
	public BulkWriter(String bootstrapServers, String registryUrl, Map<String, String> client, String topic) {
		this.topic = topic;
		this.serializer = new KafkaAvroSerializer();
		this.serializer.configure(serializerConfig(registryUrl, client), false);
		this.producer = new KafkaProducer<>(producerConfig(bootstrapServers, client), new StringSerializer(),
				this.serializer);
	}

	/**
	 * The producer's settings: throughput defaults (large batches, a short linger, lz4),
	 * then {@code client}, then the guarantees invoice-service's relay has too
	 * (idempotence, acks from all replicas).
	 */
	static Map<String, Object> producerConfig(String bootstrapServers, Map<String, String> client) {
		Map<String, Object> config = new HashMap<>();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(ProducerConfig.CLIENT_ID_CONFIG, "tally-load-bulk");
		config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
		config.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
		config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
		config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
		// one request in flight: a retried first batch of a partition can never be
		// overtaken
		// by later ones (seen once on a starved test broker: the later batches were
		// appended,
		// the first was refused as out of sequence until it expired). One request carries
		// the batches of all partitions, far more than the consumer applies
		config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
		// a broker that is not there, or a topic that does not exist, fails the load soon
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
		config.putAll(client);
		config.keySet().removeIf((key) -> key.startsWith("schema.registry.") || key.startsWith("basic.auth."));
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		return config;
	}

	/**
	 * The serializer's settings: invoice-service's (subjects per record, auto-register).
	 */
	static Map<String, Object> serializerConfig(String registryUrl, Map<String, String> client) {
		Map<String, Object> config = new HashMap<>(client);
		config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
		config.put(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "true");
		config.put(AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, TopicRecordNameStrategy.class.getName());
		return config;
	}

	/**
	 * Checks the topic and the registry before the first event: how many partitions the
	 * topic has and the id of the {@code InvoiceCreated} schema (registered if new).
	 * @throws org.apache.kafka.common.KafkaException when the broker cannot be reached,
	 * the topic does not exist or may not be written
	 * @throws io.tally.events.registry.SchemaRegistryException when the registry fails
	 */
	public Target prepare() {
		int partitions = this.producer.partitionsFor(this.topic).size();
		int schemaId = this.serializer.prepare(this.topic, InvoiceEventType.CREATED.schema());
		return new Target(this.topic, partitions, schemaId);
	}

	/**
	 * Sends {@code count} events from {@code events} and waits for the broker's
	 * acknowledgement of each. Stops sending at the first failure (the producer's
	 * idempotence state may be broken then) or when {@link #stop} is called.
	 * @return what was sent and how long it took
	 */
	public Result write(long count, Supplier<InvoiceCreated> events) {
		long started = System.nanoTime();
		for (long i = 0; i < count && !this.stopped && this.failure.get() == null; i++) {
			ProducerRecord<String, Object> record = record(this.topic, events.get());
			try {
				this.producer.send(record, (metadata, ex) -> {
					if (ex == null) {
						this.acknowledged.incrementAndGet();
					}
					else {
						this.failed.incrementAndGet();
						this.failure.compareAndSet(null, ex);
					}
				});
			}
			catch (RuntimeException ex) {
				this.failed.incrementAndGet();
				this.failure.compareAndSet(null, ex);
				break;
			}
			this.sent.incrementAndGet();
		}
		this.producer.flush();
		return new Result(this.sent.get(), this.acknowledged.get(), this.failed.get(), this.failure.get(),
				System.nanoTime() - started);
	}

	/** The record of one event, as the relay would make it. */
	static ProducerRecord<String, Object> record(String topic, InvoiceCreated event) {
		RecordHeaders headers = new RecordHeaders();
		headers.add(new RecordHeader(InvoiceEventHeaders.EVENT_ID, utf8(event.getEventId())));
		headers.add(new RecordHeader(InvoiceEventHeaders.EVENT_TYPE, utf8(InvoiceEventType.CREATED.recordName())));
		headers
			.add(new RecordHeader(InvoiceEventHeaders.INVOICE_VERSION, utf8(Long.toString(event.getInvoiceVersion()))));
		return new ProducerRecord<>(topic, null, event.getInvoiceId(), event, headers);
	}

	/** Events handed to the producer so far. */
	public long sent() {
		return this.sent.get();
	}

	/** Events the broker acknowledged so far. */
	public long acknowledged() {
		return this.acknowledged.get();
	}

	/** Sends that failed so far. */
	public long failed() {
		return this.failed.get();
	}

	/** Sends no more events; those sent are still awaited. */
	public void stop() {
		this.stopped = true;
	}

	@Override
	public void close() {
		this.producer.close(Duration.ofSeconds(10));
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Where the events go.
	 *
	 * @param topic the topic
	 * @param partitions its partitions
	 * @param schemaId the registry's id of the {@code InvoiceCreated} schema
	 */
	public record Target(String topic, int partitions, int schemaId) {
	}

	/**
	 * What a write did.
	 *
	 * @param sent events handed to the producer
	 * @param acknowledged events the broker acknowledged
	 * @param failed sends that failed
	 * @param failure the first failure, or null
	 * @param elapsedNanos from the first send until every send was answered
	 */
	public record Result(long sent, long acknowledged, long failed, Exception failure, long elapsedNanos) {

		/** Acknowledged events per second. */
		public double perSecond() {
			return (this.elapsedNanos > 0) ? this.acknowledged * 1e9 / this.elapsedNanos : 0;
		}

	}

}
