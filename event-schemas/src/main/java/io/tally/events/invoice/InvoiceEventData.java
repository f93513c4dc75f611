package io.tally.events.invoice;

import java.time.Instant;
import java.time.LocalDate;

import io.tally.events.InvoiceStatus;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * The fields every invoice event carries, read from and written to any of the four
 * records: the one Java place that lists them. Values are as on the wire (ids as text,
 * unvalidated), so a consumer can check them itself.
 *
 * @param eventId unique id of the event (UUID text)
 * @param occurredAt when invoice-service committed the change (milliseconds)
 * @param invoiceId the invoice (UUID text), also the record key
 * @param invoiceVersion version of the invoice after the change
 * @param customerId the customer billed (UUID text)
 * @param amountMinor amount in minor units of {@code currency}
 * @param currency ISO 4217 code
 * @param status payment status after the change
 * @param issueDate issue date (UTC)
 * @param paidAt when the invoice was paid; set exactly when {@code status} is PAID
 * @param changedBy who made the change: the subject of the request's access token (an
 * opaque id, never a name or e-mail); null without a token and in events written before
 * the field existed (schema v1)
 */
public record InvoiceEventData(String eventId, Instant occurredAt, String invoiceId, long invoiceVersion,
		String customerId, long amountMinor, String currency, InvoiceStatus status, LocalDate issueDate, Instant paidAt,
		String changedBy) {

	/** The fields of an invoice event record of any of the four types. */
	public static InvoiceEventData from(SpecificRecord record) {
		return new InvoiceEventData((String) read(record, "eventId"), (Instant) read(record, "occurredAt"),
				(String) read(record, "invoiceId"), (Long) read(record, "invoiceVersion"),
				(String) read(record, "customerId"), (Long) read(record, "amountMinor"),
				(String) read(record, "currency"), (InvoiceStatus) read(record, "status"),
				(LocalDate) read(record, "issueDate"), (Instant) read(record, "paidAt"),
				(String) read(record, "changedBy"));
	}

	/** A new record of the given type carrying these fields. */
	@SuppressWarnings("unchecked")
	public <R extends SpecificRecord> R toRecord(InvoiceEventType type) {
		SpecificRecord record = type.newRecord();
		write(record, "eventId", this.eventId);
		write(record, "occurredAt", this.occurredAt);
		write(record, "invoiceId", this.invoiceId);
		write(record, "invoiceVersion", this.invoiceVersion);
		write(record, "customerId", this.customerId);
		write(record, "amountMinor", this.amountMinor);
		write(record, "currency", this.currency);
		write(record, "status", this.status);
		write(record, "issueDate", this.issueDate);
		write(record, "paidAt", this.paidAt);
		write(record, "changedBy", this.changedBy);
		return (R) record;
	}

	private static Object read(SpecificRecord record, String name) {
		return record.get(field(record, name).pos());
	}

	private static void write(SpecificRecord record, String name, Object value) {
		record.put(field(record, name).pos(), value);
	}

	private static Schema.Field field(SpecificRecord record, String name) {
		Schema.Field field = record.getSchema().getField(name);
		if (field == null) {
			throw new IllegalArgumentException(record.getSchema().getFullName() + " has no field " + name);
		}
		return field;
	}

}
