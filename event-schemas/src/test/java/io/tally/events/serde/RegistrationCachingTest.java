package io.tally.events.serde;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.tally.events.registry.MockSchemaRegistry;
import io.tally.events.testing.InvoiceEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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
