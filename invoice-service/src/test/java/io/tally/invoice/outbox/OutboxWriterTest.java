package io.tally.invoice.outbox;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.tally.events.registry.RegisteredSchema;
import io.tally.events.registry.SchemaRegistryClient;
import io.tally.events.registry.SchemaRegistryUnavailableException;
import io.tally.events.serde.AvroSerdeConfig;
import io.tally.events.serde.KafkaAvroSerializer;
import io.tally.events.serde.TopicRecordNameStrategy;
import io.tally.invoice.invoice.Invoice;
import io.tally.invoice.invoice.InvoiceEvent;
import io.tally.invoice.invoice.InvoiceStatus;
import org.apache.avro.Schema;
import io.tally.support.tracing.TracePropagation;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

class OutboxWriterTest {

	private static final Instant NOW = Instant.parse("2026-11-27T10:15:30Z");

	private final UnreachableRegistry registry = new UnreachableRegistry();

	private final KafkaAvroSerializer serializer = new KafkaAvroSerializer(this.registry,
			Map.of(AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, TopicRecordNameStrategy.class.getName()));

	@Test
	void refusesAWriteBeforeTheSchemasAreRegisteredWithoutCallingTheRegistry() {
		JdbcOperations jdbc = mock(JdbcOperations.class);
		OutboxWriter writer = new OutboxWriter(jdbc, this.serializer, "invoice-events", TracePropagation.noop());

		assertThatExceptionOfType(DataAccessResourceFailureException.class)
			.isThrownBy(() -> writer.toRow(new InvoiceEvent.Created(UUID.randomUUID(), NOW, invoice())))
			.withCauseInstanceOf(SchemaRegistryUnavailableException.class);
		assertThat(this.registry.calls).as("a write never waits for the registry").hasValue(0);
		verifyNoInteractions(jdbc);
	}

	@Test
	void reportsAnUnreachableRegistryAtStartUpAndLeavesRegistrationIncomplete() {
		EventSchemaRegistration registration = new EventSchemaRegistration(this.serializer, "invoice-events");

		assertThatExceptionOfType(SchemaRegistryUnavailableException.class).isThrownBy(registration::registerAll);
		assertThat(registration.isComplete()).isFalse();
		assertThat(new EventSchemasHealthIndicator(registration).health().getStatus().getCode())
			.isEqualTo("OUT_OF_SERVICE");
	}

	private static Invoice invoice() {
		return new Invoice(UUID.randomUUID(), UUID.randomUUID(), 100, "USD", InvoiceStatus.PENDING,
				LocalDate.parse("2026-11-27"), null, 1, NOW, NOW, null, null);
	}

	/** A registry every call to which fails as unreachable, and is counted. */
	private static final class UnreachableRegistry implements SchemaRegistryClient {

		final AtomicInteger calls = new AtomicInteger();

		private RuntimeException unreachable() {
			this.calls.incrementAndGet();
			return new SchemaRegistryUnavailableException("registry at http://registry:8081 unreachable");
		}

		@Override
		public int register(String subject, Schema schema) {
			throw unreachable();
		}

		@Override
		public int idOf(String subject, Schema schema) {
			throw unreachable();
		}

		@Override
		public Schema schemaById(int id) {
			throw unreachable();
		}

		@Override
		public RegisteredSchema latestVersion(String subject) {
			throw unreachable();
		}

		@Override
		public boolean isCompatible(String subject, Schema schema) {
			throw unreachable();
		}

	}

}
