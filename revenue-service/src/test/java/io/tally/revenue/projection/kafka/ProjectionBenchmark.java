package io.tally.revenue.projection.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.MeterRegistry;
import io.tally.events.InvoiceStatus;
import io.tally.events.invoice.InvoiceEventData;
import io.tally.events.invoice.InvoiceEventHeaders;
import io.tally.events.invoice.InvoiceEventType;
import io.tally.events.serde.AvroSerdeConfig;
import io.tally.events.serde.KafkaAvroSerializer;
import io.tally.events.serde.TopicRecordNameStrategy;
import io.tally.events.testing.InvoiceEvents;
import io.tally.support.tracing.testing.BenchmarkTracing;
import io.tally.support.tracing.testing.RecordedSpans;
import io.tally.testsupport.TestInfrastructure;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Apply rate of the projection: pre-loads {@value #EVENTS} events (default) on a fresh
 * topic, starts the consumer (fresh group, fresh database) and prints events/s and the
 * consumer lag sampled every second until caught up. Prints figures; asserts only that
 * everything was applied. Run it explicitly:
 * {@code ./mvnw -B -pl revenue-service -am verify -Dtest=ProjectionBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -DargLine=-Dbench.events=N -Dbench.concurrency=C} to vary).
 */
@SpringBootTest(properties = { "tally.projection.auto-startup=false", "logging.structured.format.console=",
		"logging.level.org.apache.kafka=WARN" })
@Import(RecordedSpans.Configuration.class)
class ProjectionBenchmark {

	static final int EVENTS = 200_000;

	private static final String NONCE = UUID.randomUUID().toString().substring(0, 8);

	private static final String TOPIC = "invoice-events-bench-" + NONCE;

	private static final String GROUP = "revenue-projection-bench-" + NONCE;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@Autowired
	MeterRegistry meters;

	@Autowired
	RecordedSpans spans;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.registerSpringProperties(registry, "revenue_bench");
		registry.add("tally.projection.topic", () -> TOPIC);
		registry.add("tally.projection.group-id", () -> GROUP);
		registry.add("spring.kafka.listener.concurrency", () -> Integer.getInteger("bench.concurrency", 1));
		BenchmarkTracing.register(registry);
	}

	@Test
	void appliesPreloadedEvents() throws Exception {
		int events = Integer.getInteger("bench.events", EVENTS);
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(TOPIC, 6, (short) 1))).all().get();
			long loadStart = System.nanoTime();
			preload(events);
			System.out.printf("BENCH pre-loaded %,d events on %s in %.1f s%n", events, TOPIC,
					(System.nanoTime() - loadStart) / 1e9);

			long start = System.nanoTime();
			this.listeners.getListenerContainer("revenue-projection").start();
			System.out.println("BENCH t[s]  processed  rate[ev/s]  lag[records]");
			long processed = 0;
			long previous = 0;
			int second = 0;
			while (processed < events && second < 600) {
				Thread.sleep(1000);
				second++;
				processed = processed();
				// the in-memory exporter keeps spans; a second's worth is enough to hold
				this.spans.reset();
				System.out.printf("BENCH %4d %10d %11d %13d%n", second, processed, processed - previous, lag(admin));
				previous = processed;
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			System.out.printf(
					"BENCH caught up: %,d events in %.1f s = %,.0f events/s (concurrency %d, %d cores; tracing %s, %,d "
							+ "spans recorded)%n",
					processed, seconds, processed / seconds, Integer.getInteger("bench.concurrency", 1),
					Runtime.getRuntime().availableProcessors(), BenchmarkTracing.mode(), this.spans.recorded());
			assertThat(processed).isEqualTo(events);
		}
		finally {
			this.listeners.getListenerContainer("revenue-projection").stop();
		}
	}

	private long processed() {
		double applied = this.meters.get("tally.projection.events.applied")
			.counters()
			.stream()
			.mapToDouble((c) -> c.count())
			.sum();
		return (long) (applied + this.meters.get("tally.projection.events.stale").counter().count());
	}

	private static long lag(Admin admin) throws Exception {
		Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
			.partitionsToOffsetAndMetadata()
			.get();
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		for (int p = 0; p < 6; p++) {
			latest.put(new TopicPartition(TOPIC, p), OffsetSpec.latest());
		}
		long lag = 0;
		for (var end : admin.listOffsets(latest).all().get().entrySet()) {
			OffsetAndMetadata offset = committed.get(end.getKey());
			lag += end.getValue().offset() - ((offset != null) ? offset.offset() : 0);
		}
		return lag;
	}

	/**
	 * Invoices of five versions each (created, updated, paid, back to pending, paid),
	 * interleaved.
	 */
	private static void preload(int events) throws Exception {
		Map<String, Object> config = new HashMap<>();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
		config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
		config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
		config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, TestInfrastructure.schemaRegistryUrl());
		config.put(AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, TopicRecordNameStrategy.class.getName());
		KafkaAvroSerializer serializer = new KafkaAvroSerializer();
		serializer.configure(config, false);
		Random random = new Random(42);
		List<UUID> customers = new ArrayList<>();
		for (int i = 0; i < 2_000; i++) {
			customers.add(UUID.randomUUID());
		}
		String[] currencies = { "USD", "EUR", "GBP", "JPY" };
		int versions = 5;
		int invoices = events / versions;
		UUID[] ids = new UUID[invoices];
		for (int i = 0; i < invoices; i++) {
			ids[i] = UUID.randomUUID();
		}
		try (KafkaProducer<String, Object> producer = new KafkaProducer<>(config, new StringSerializer(), serializer)) {
			List<Future<RecordMetadata>> acks = new ArrayList<>();
			// version-major order interleaves invoices like real traffic while keeping
			// per-invoice order
			for (int version = 1; version <= versions; version++) {
				for (int i = 0; i < invoices; i++) {
					SpecificRecord event = event(ids[i], version, customers.get(i % customers.size()),
							currencies[i % currencies.length], random);
					acks.add(producer.send(
							new ProducerRecord<>(TOPIC, null, ids[i].toString(), event, relayHeaders(event, random))));
				}
			}
			producer.flush();
			for (Future<RecordMetadata> ack : acks) {
				ack.get();
			}
		}
	}

	/**
	 * The headers the relay sets when tracing is on, a sampled trace context of its own
	 * per event included.
	 */
	private static RecordHeaders relayHeaders(SpecificRecord event, Random random) {
		InvoiceEventData data = InvoiceEventData.from(event);
		RecordHeaders headers = new RecordHeaders();
		headers.add(InvoiceEventHeaders.EVENT_ID, utf8(data.eventId()));
		headers.add(InvoiceEventHeaders.EVENT_TYPE, utf8(InvoiceEventType.of(event).orElseThrow().recordName()));
		headers.add(InvoiceEventHeaders.INVOICE_VERSION, utf8(Long.toString(data.invoiceVersion())));
		headers.add(InvoiceEventHeaders.TRACEPARENT,
				utf8("00-" + String.format("%016x%016x", random.nextLong() | 1, random.nextLong()) + "-"
						+ String.format("%016x", random.nextLong() | 1) + "-01"));
		return headers;
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static SpecificRecord event(UUID invoice, int version, UUID customer, String currency, Random random) {
		long amount = 100 + random.nextInt(1_000_000);
		LocalDate issued = LocalDate.of(2026, 1 + random.nextInt(12), 1 + random.nextInt(28));
		Instant paidAt = Instant.parse("2026-12-01T00:00:00Z").minus(Duration.ofDays(random.nextInt(300)));
		return switch (version) {
			case 1 -> InvoiceEvents.created(invoice, customer, amount, currency, issued);
			case 3, 5 -> InvoiceEvents.paid(invoice, version, customer, amount, currency, issued, paidAt);
			default -> InvoiceEvents.updated(invoice, version, customer, amount, currency, InvoiceStatus.PENDING,
					issued, null);
		};
	}

}
