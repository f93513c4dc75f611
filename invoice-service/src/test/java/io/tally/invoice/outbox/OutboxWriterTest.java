package io.tally.invoice.outbox;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.tally.events.registry.SchemaRegistryUnavailableException;
import io.tally.invoice.invoice.Invoice;
import io.tally.invoice.invoice.InvoiceEvent;
import io.tally.invoice.invoice.InvoiceStatus;
import io.tally.support.tracing.TracePropagation;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcOperations;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

class OutboxWriterTest {

	@Test
	void reportsAnUnreachableRegistryAsATransientResourceFailure() {
		Serializer<Object> unreachable = (topic, data) -> {
			throw new SchemaRegistryUnavailableException("registry at http://registry:8081 unreachable");
		};
		JdbcOperations jdbc = mock(JdbcOperations.class);
		OutboxWriter writer = new OutboxWriter(jdbc, unreachable, "invoice-events", TracePropagation.noop());
		Instant now = Instant.parse("2026-11-27T10:15:30Z");
		Invoice invoice = new Invoice(UUID.randomUUID(), UUID.randomUUID(), 100, "USD", InvoiceStatus.PENDING,
				LocalDate.parse("2026-11-27"), null, 1, now, now);

		assertThatExceptionOfType(DataAccessResourceFailureException.class)
			.isThrownBy(() -> writer.toRow(new InvoiceEvent.Created(UUID.randomUUID(), now, invoice)))
			.withCauseInstanceOf(SchemaRegistryUnavailableException.class);
		verifyNoInteractions(jdbc);
	}

}
