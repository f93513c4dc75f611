package io.tally.events.serde;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.tally.events.InvoiceCreated;
import io.tally.events.InvoiceDeleted;
import io.tally.events.InvoicePaid;
import io.tally.events.InvoiceStatus;
import io.tally.events.InvoiceUpdated;
import org.apache.avro.specific.SpecificRecord;

/**
 * Builds valid events of every type for tests.
 */
final class SampleEvents {

	private static final Instant PAID_AT = Instant.parse("2026-03-04T10:15:30.123Z");

	private SampleEvents() {
	}

	static InvoiceCreated created(String invoiceId, long amountMinor) {
		return InvoiceCreated.newBuilder()
			.setEventId(UUID.randomUUID().toString())
			.setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
			.setInvoiceId(invoiceId)
			.setInvoiceVersion(1)
			.setCustomerId(UUID.randomUUID().toString())
			.setAmountMinor(amountMinor)
			.setCurrency("EUR")
			.setStatus(InvoiceStatus.PENDING)
			.setIssueDate(LocalDate.of(2026, 3, 1))
			.setPaidAt(null)
			.build();
	}

	/** Every event type, each once pending (no paidAt) and once paid (with paidAt). */
	static List<SpecificRecord> everyTypeWithAndWithoutPaidAt(String invoiceId) {
		return List.of(created(invoiceId, 1000), paidCreated(invoiceId), updated(invoiceId, false),
				updated(invoiceId, true), paid(invoiceId, false), paid(invoiceId, true), deleted(invoiceId, false),
				deleted(invoiceId, true));
	}

	private static InvoiceCreated paidCreated(String invoiceId) {
		return InvoiceCreated.newBuilder(created(invoiceId, 2000))
			.setStatus(InvoiceStatus.PAID)
			.setPaidAt(PAID_AT)
			.build();
	}

	private static InvoiceUpdated updated(String invoiceId, boolean paid) {
		InvoiceCreated base = created(invoiceId, 3000);
		return InvoiceUpdated.newBuilder()
			.setEventId(UUID.randomUUID().toString())
			.setOccurredAt(base.getOccurredAt())
			.setInvoiceId(invoiceId)
			.setInvoiceVersion(2)
			.setCustomerId(base.getCustomerId())
			.setAmountMinor(base.getAmountMinor())
			.setCurrency("USD")
			.setStatus(paid ? InvoiceStatus.PAID : InvoiceStatus.PENDING)
			.setIssueDate(base.getIssueDate())
			.setPaidAt(paid ? PAID_AT : null)
			.build();
	}

	private static InvoicePaid paid(String invoiceId, boolean paid) {
		InvoiceCreated base = created(invoiceId, 4000);
		return InvoicePaid.newBuilder()
			.setEventId(UUID.randomUUID().toString())
			.setOccurredAt(base.getOccurredAt())
			.setInvoiceId(invoiceId)
			.setInvoiceVersion(3)
			.setCustomerId(base.getCustomerId())
			.setAmountMinor(base.getAmountMinor())
			.setCurrency("JPY")
			.setStatus(paid ? InvoiceStatus.PAID : InvoiceStatus.PENDING)
			.setIssueDate(base.getIssueDate())
			.setPaidAt(paid ? PAID_AT : null)
			.build();
	}

	private static InvoiceDeleted deleted(String invoiceId, boolean paid) {
		InvoiceCreated base = created(invoiceId, 5000);
		return InvoiceDeleted.newBuilder()
			.setEventId(UUID.randomUUID().toString())
			.setOccurredAt(base.getOccurredAt())
			.setInvoiceId(invoiceId)
			.setInvoiceVersion(4)
			.setCustomerId(base.getCustomerId())
			.setAmountMinor(base.getAmountMinor())
			.setCurrency("GBP")
			.setStatus(paid ? InvoiceStatus.PAID : InvoiceStatus.PENDING)
			.setIssueDate(base.getIssueDate())
			.setPaidAt(paid ? PAID_AT : null)
			.build();
	}

}
