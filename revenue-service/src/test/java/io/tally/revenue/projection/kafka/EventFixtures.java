package io.tally.revenue.projection.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import io.tally.events.InvoiceCreated;
import io.tally.events.InvoiceDeleted;
import io.tally.events.InvoicePaid;
import io.tally.events.InvoiceStatus;
import io.tally.events.InvoiceUpdated;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.tally.events.serde.KafkaAvroSerializer;
import io.tally.testsupport.TestInfrastructure;

/**
 * Builds invoice events and produces them the way invoice-service does (Avro, Confluent
 * framing, headers).
 */
final class EventFixtures implements AutoCloseable {

	static final String TOPIC = "invoice-events";

	private final KafkaProducer<String, Object> avro;

	private final KafkaProducer<String, byte[]> raw;

	EventFixtures() {
		Map<String, Object> common = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				TestInfrastructure.kafkaBootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
				ProducerConfig.LINGER_MS_CONFIG, 5);
		Map<String, Object> avroConfig = new java.util.HashMap<>(common);
		avroConfig.put("schema.registry.url", TestInfrastructure.schemaRegistryUrl());
		avroConfig.put("value.subject.name.strategy", "io.tally.events.serde.TopicRecordNameStrategy");
		this.avro = new KafkaProducer<>(avroConfig, new StringSerializer(), avroSerializer(avroConfig));
		this.raw = new KafkaProducer<>(common, new StringSerializer(), new ByteArraySerializer());
	}

	private static KafkaAvroSerializer avroSerializer(Map<String, Object> config) {
		KafkaAvroSerializer serializer = new KafkaAvroSerializer();
		serializer.configure(config, false);
		return serializer;
	}

	/** Sends one event keyed by its invoice id and waits for the ack. */
	void send(SpecificRecord event) {
		String invoiceId = (String) event.get(event.getSchema().getField("invoiceId").pos());
		long version = (Long) event.get(event.getSchema().getField("invoiceVersion").pos());
		String eventId = (String) event.get(event.getSchema().getField("eventId").pos());
		RecordHeaders headers = new RecordHeaders();
		headers.add("eventId", eventId.getBytes(StandardCharsets.UTF_8));
		headers.add("eventType", event.getSchema().getName().getBytes(StandardCharsets.UTF_8));
		headers.add("invoiceVersion", Long.toString(version).getBytes(StandardCharsets.UTF_8));
		try {
			this.avro.send(new ProducerRecord<>(TOPIC, null, invoiceId, event, headers)).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException("could not send", ex);
		}
	}

	/** Sends raw bytes as the value of a record keyed by {@code key}. */
	void sendRaw(String key, byte[] value) {
		try {
			this.raw.send(new ProducerRecord<>(TOPIC, key, value)).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException("could not send", ex);
		}
	}

	static InvoiceCreated created(UUID invoice, UUID customer, long amount, String currency, LocalDate issueDate) {
		return InvoiceCreated.newBuilder()
			.setEventId(UUID.randomUUID().toString())
			.setOccurredAt(Instant.now())
			.setInvoiceId(invoice.toString())
			.setInvoiceVersion(1)
			.setCustomerId(customer.toString())
			.setAmountMinor(amount)
			.setCurrency(currency)
			.setStatus(InvoiceStatus.PENDING)
			.setIssueDate(issueDate)
			.setPaidAt(null)
			.build();
	}

	static InvoiceUpdated updated(UUID invoice, long version, UUID customer, long amount, String currency,
			InvoiceStatus status, LocalDate issueDate, Instant paidAt) {
		return InvoiceUpdated.newBuilder()
			.setEventId(UUID.randomUUID().toString())
			.setOccurredAt(Instant.now())
			.setInvoiceId(invoice.toString())
			.setInvoiceVersion(version)
			.setCustomerId(customer.toString())
			.setAmountMinor(amount)
			.setCurrency(currency)
			.setStatus(status)
			.setIssueDate(issueDate)
			.setPaidAt(paidAt)
			.build();
	}

	static InvoicePaid paid(UUID invoice, long version, UUID customer, long amount, String currency,
			LocalDate issueDate, Instant paidAt) {
		return InvoicePaid.newBuilder()
			.setEventId(UUID.randomUUID().toString())
			.setOccurredAt(Instant.now())
			.setInvoiceId(invoice.toString())
			.setInvoiceVersion(version)
			.setCustomerId(customer.toString())
			.setAmountMinor(amount)
			.setCurrency(currency)
			.setStatus(InvoiceStatus.PAID)
			.setIssueDate(issueDate)
			.setPaidAt(paidAt)
			.build();
	}

	static InvoiceDeleted deleted(UUID invoice, long version, UUID customer, long amount, String currency,
			LocalDate issueDate) {
		return InvoiceDeleted.newBuilder()
			.setEventId(UUID.randomUUID().toString())
			.setOccurredAt(Instant.now())
			.setInvoiceId(invoice.toString())
			.setInvoiceVersion(version)
			.setCustomerId(customer.toString())
			.setAmountMinor(amount)
			.setCurrency(currency)
			.setStatus(InvoiceStatus.PENDING)
			.setIssueDate(issueDate)
			.setPaidAt(null)
			.build();
	}

	@Override
	public void close() {
		this.avro.close();
		this.raw.close();
	}

}
