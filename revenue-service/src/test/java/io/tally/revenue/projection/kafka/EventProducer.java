package io.tally.revenue.projection.kafka;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.tally.events.invoice.InvoiceEventData;
import io.tally.events.invoice.InvoiceEventHeaders;
import io.tally.events.invoice.InvoiceEventType;
import io.tally.events.serde.AvroSerdeConfig;
import io.tally.events.serde.KafkaAvroSerializer;
import io.tally.events.serde.TopicRecordNameStrategy;
import io.tally.events.testing.ReleasedSchemas;
import io.tally.testsupport.TestInfrastructure;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces invoice events the way invoice-service does (Avro, Confluent framing,
 * headers); the events themselves come from event-schemas' shared fixtures.
 */
public final class EventProducer implements AutoCloseable {

	public static final String TOPIC = "invoice-events";

	private final String topic;

	private final KafkaProducer<String, Object> avro;

	private final KafkaProducer<String, byte[]> raw;

	public EventProducer() {
		this(TOPIC);
	}

	/** A producer to the given topic (tests with a topic of their own). */
	public EventProducer(String topic) {
		this.topic = topic;
		Map<String, Object> common = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				TestInfrastructure.kafkaBootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
				ProducerConfig.LINGER_MS_CONFIG, 5);
		Map<String, Object> avroConfig = new HashMap<>(common);
		avroConfig.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, TestInfrastructure.schemaRegistryUrl());
		avroConfig.put(AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, TopicRecordNameStrategy.class.getName());
		this.avro = new KafkaProducer<>(avroConfig, new StringSerializer(), avroSerializer(avroConfig));
		this.raw = new KafkaProducer<>(common, new StringSerializer(), new ByteArraySerializer());
	}

	private static KafkaAvroSerializer avroSerializer(Map<String, Object> config) {
		KafkaAvroSerializer serializer = new KafkaAvroSerializer();
		serializer.configure(config, false);
		return serializer;
	}

	/** Sends one event keyed by its invoice id and waits for the ack. */
	public void send(SpecificRecord event) {
		sendValue(event, event, null);
	}

	/**
	 * Sends one event as the relay does when tracing is on: with a {@code traceparent}
	 * header (none when null).
	 */
	public void send(SpecificRecord event, String traceparent) {
		sendValue(event, event, traceparent);
	}

	/**
	 * Sends the event as a producer of schema release {@code version} writes it (a
	 * generic record of the released schema, registered under the same subject), and
	 * waits.
	 */
	void sendAsRelease(SpecificRecord event, int version) {
		sendValue(event, ReleasedSchemas.asReleased(event, version), null);
	}

	private void sendValue(SpecificRecord event, Object value, String traceparent) {
		InvoiceEventData data = InvoiceEventData.from(event);
		String eventType = InvoiceEventType.of(event).orElseThrow().recordName();
		RecordHeaders headers = new RecordHeaders();
		headers.add(InvoiceEventHeaders.EVENT_ID, data.eventId().getBytes(StandardCharsets.UTF_8));
		headers.add(InvoiceEventHeaders.EVENT_TYPE, eventType.getBytes(StandardCharsets.UTF_8));
		headers.add(InvoiceEventHeaders.INVOICE_VERSION,
				Long.toString(data.invoiceVersion()).getBytes(StandardCharsets.UTF_8));
		if (traceparent != null) {
			headers.add(InvoiceEventHeaders.TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
		}
		try {
			this.avro.send(new ProducerRecord<>(this.topic, null, data.invoiceId(), value, headers)).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException("could not send", ex);
		}
	}

	/** Sends raw bytes as the value of a record keyed by {@code key}. */
	public void sendRaw(String key, byte[] value) {
		try {
			this.raw.send(new ProducerRecord<>(this.topic, key, value)).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException("could not send", ex);
		}
	}

	@Override
	public void close() {
		this.avro.close();
		this.raw.close();
	}

}
