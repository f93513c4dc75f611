package io.tally.invoice.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import io.tally.invoice.EventProbe;
import io.tally.invoice.ServiceIntegrationTest;
import io.tally.invoice.invoice.Invoice;
import io.tally.invoice.invoice.InvoiceEvent;
import io.tally.invoice.invoice.InvoiceStatus;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The case a high-water-mark cursor gets wrong: a transaction takes the lower outbox id
 * but commits after a later one has been published. Its row must still go out.
 */
class OutboxGapSafetyTest extends ServiceIntegrationTest {

	@Autowired
	DataSource dataSource;

	@Autowired
	OutboxWriter writer;

	@Autowired
	OutboxProperties properties;

	@Test
	void rowCommittedAfterALaterRowWasPublishedIsStillPublished() throws Exception {
		OutboxRow early = this.writer.toRow(event());
		OutboxRow late = this.writer.toRow(event());
		try (Connection slow = this.dataSource.getConnection();
				Connection fast = this.dataSource.getConnection();
				EventProbe probe = EventProbe.forInvoices(this.properties.topic(), Set.of(early.key(), late.key()))) {
			slow.setAutoCommit(false);
			fast.setAutoCommit(false);
			long earlyId = insert(slow, early);
			long lateId = insert(fast, late);
			assertThat(earlyId).isLessThan(lateId);
			fast.commit();

			List<ConsumerRecord<String, Object>> first = probe.awaitCount(1, Duration.ofSeconds(30));
			assertThat(first).extracting(ConsumerRecord::key).containsExactly(late.key());

			slow.commit();
			List<ConsumerRecord<String, Object>> both = probe.awaitCount(2, Duration.ofSeconds(30));
			assertThat(both).extracting(ConsumerRecord::key).containsExactly(late.key(), early.key());
		}
	}

	private static long insert(Connection connection, OutboxRow row) throws Exception {
		try (PreparedStatement insert = connection.prepareStatement(OutboxWriter.INSERT, new String[] { "id" })) {
			insert.setString(1, row.key());
			insert.setObject(2, row.eventId());
			insert.setString(3, row.eventType());
			insert.setLong(4, row.invoiceVersion());
			insert.setBytes(5, row.payload());
			insert.setString(6, row.trace().traceparent());
			insert.setString(7, row.trace().tracestate());
			insert.executeUpdate();
			try (ResultSet keys = insert.getGeneratedKeys()) {
				keys.next();
				return keys.getLong(1);
			}
		}
	}

	private static InvoiceEvent event() {
		Instant now = Instant.parse("2026-11-02T10:00:00Z");
		Invoice invoice = new Invoice(UUID.randomUUID(), UUID.randomUUID(), 100, "USD", InvoiceStatus.PENDING,
				LocalDate.parse("2026-11-02"), null, 1, now, now, null, null);
		return new InvoiceEvent.Created(UUID.randomUUID(), now, invoice);
	}

}
