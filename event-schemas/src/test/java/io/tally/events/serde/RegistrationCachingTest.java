package io.tally.events.serde;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.tally.events.registry.MockSchemaRegistry;
import io.tally.events.registry.SchemaRegistryClient;
import io.tally.events.registry.SchemaRegistryUnavailableException;
import io.tally.events.testing.InvoiceEvents;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistrationCachingTest {

	private final String scope = "caching-" + UUID.randomUUID();

	private final CountingRegistryClient registry = new CountingRegistryClient(MockSchemaRegistry.forScope(this.scope));

	@AfterEach
	void dropRegistry() {
		MockSchemaRegistry.dropScope(this.scope);
	}

	@Test
	void tenThousandSerializationsRegisterTheSchemaOnce() {
		KafkaAvroSerializer serializer = new KafkaAvroSerializer(this.registry, Map.of());
		KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer(this.registry,
				Map.of(AvroSerdeConfig.SPECIFIC_AVRO_READER, true));
		List<byte[]> payloads = new ArrayList<>();

		for (int i = 0; i < 10_000; i++) {
			payloads.add(serializer.serialize("invoice-events", InvoiceEvents.created("inv-" + i, i + 1)));
		}
		for (byte[] payload : payloads) {
			deserializer.deserialize("invoice-events", payload);
		}

		assertThat(this.registry.registrations).hasValue(1);
		assertThat(this.registry.fetchesById).hasValue(1);
	}

	@Test
	void concurrentSerializationsStillRegisterOnce() throws Exception {
		KafkaAvroSerializer serializer = new KafkaAvroSerializer(this.registry, Map.of());
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				done.add(pool.submit(() -> {
					for (int i = 0; i < 2_500; i++) {
						serializer.serialize("invoice-events", InvoiceEvents.created("inv-" + i, i + 1));
					}
				}));
			}
			for (Future<?> future : done) {
				future.get();
			}
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(this.registry.registrations).hasValue(1);
	}

	@Test
	void aRegistrationThatHangsDoesNotHoldUpRecordsWhoseSchemaIsRegistered() throws Exception {
		CountDownLatch hanging = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		SchemaRegistryClient registry = new CountingRegistryClient(MockSchemaRegistry.forScope(this.scope)) {
			@Override
			public int register(String subject, Schema schema) {
				if (schema.getName().equals("InvoiceDeleted")) {
					hanging.countDown();
					try {
						release.await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
				return super.register(subject, schema);
			}
		};
		// the four event types share the topic: one subject per record type
		KafkaAvroSerializer serializer = new KafkaAvroSerializer(registry,
				Map.of(AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, TopicRecordNameStrategy.class.getName()));
		serializer.serialize("invoice-events", InvoiceEvents.created("inv-0", 1));
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			Future<byte[]> deleted = pool.submit(() -> serializer.serialize("invoice-events", InvoiceEvents
				.deleted(UUID.randomUUID(), 2, UUID.randomUUID(), 1, "USD", java.time.LocalDate.of(2026, 1, 1))));
			assertThat(hanging.await(10, TimeUnit.SECONDS)).isTrue();

			Future<?> created = pool.submit(() -> {
				for (int i = 1; i <= 50; i++) {
					serializer.serialize("invoice-events", InvoiceEvents.created("inv-" + i, i));
				}
			});

			assertThat(created).as("50 records of a registered type while another registration hangs")
				.succeedsWithin(Duration.ofSeconds(10));
			assertThat(deleted).isNotDone();
			release.countDown();
			assertThat(deleted).succeedsWithin(Duration.ofSeconds(10));
		}
		finally {
			release.countDown();
			pool.shutdownNow();
		}
	}

	@Test
	void writesFromTheCacheOnlyWhatWasPreparedAndNeverCallsTheRegistryForIt() {
		KafkaAvroSerializer serializer = new KafkaAvroSerializer(this.registry, Map.of());

		assertThatThrownBy(() -> serializer.serializePrepared("invoice-events", InvoiceEvents.created("inv-1", 1)))
			.isInstanceOf(SchemaNotYetRegisteredException.class)
			.isInstanceOf(SchemaRegistryUnavailableException.class)
			.hasMessageContaining("invoice-events-value");
		assertThat(this.registry.registrations).as("a cache-only write asks no registry").hasValue(0);

		int id = serializer.prepare("invoice-events", io.tally.events.InvoiceCreated.getClassSchema());
		io.tally.events.InvoiceCreated event = InvoiceEvents.created("inv-1", 1);
		byte[] payload = serializer.serializePrepared("invoice-events", event);

		assertThat(WireFormat.readSchemaId(payload)).isEqualTo(id);
		assertThat(payload).isEqualTo(serializer.serialize("invoice-events", event));
		assertThat(this.registry.registrations).hasValue(1);
	}

	@Test
	void withoutAutoRegisterLooksUpOncePerSchema() {
		MockSchemaRegistry.forScope(this.scope)
			.register("invoice-events-value", io.tally.events.InvoiceCreated.getClassSchema());
		KafkaAvroSerializer serializer = new KafkaAvroSerializer(this.registry,
				Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "false"));

		for (int i = 0; i < 1_000; i++) {
			serializer.serialize("invoice-events", InvoiceEvents.created("inv-" + i, i + 1));
		}

		assertThat(this.registry.registrations).hasValue(0);
		assertThat(this.registry.lookups).hasValue(1);
	}

}
