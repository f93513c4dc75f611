package io.tally.events.invoice;

import java.util.Optional;
import java.util.function.Supplier;

import io.tally.events.InvoiceCreated;
import io.tally.events.InvoiceDeleted;
import io.tally.events.InvoicePaid;
import io.tally.events.InvoiceUpdated;
import io.tally.events.serde.TrustedClasses;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * The four invoice events of topic {@code invoice-events}: which generated record each
 * one is and the name consumers see ({@code eventType} header, metric tags).
 */
public enum InvoiceEventType {

	/** An invoice was created (invoiceVersion 1). */
	CREATED(InvoiceCreated.class, InvoiceCreated::new),

	/** An invoice was replaced by content that differs. */
	UPDATED(InvoiceUpdated.class, InvoiceUpdated::new),

	/** An invoice was marked paid. */
	PAID(InvoicePaid.class, InvoicePaid::new),

	/** An invoice was deleted; the event carries its last state. */
	DELETED(InvoiceDeleted.class, InvoiceDeleted::new);

	static {
		// copies and reads of these records load their classes by name
		TrustedClasses.trustGeneratedClasses();
	}

	private final Class<? extends SpecificRecord> recordClass;

	private final Supplier<SpecificRecord> newRecord;

	private final Schema schema;

	InvoiceEventType(Class<? extends SpecificRecord> recordClass, Supplier<SpecificRecord> newRecord) {
		this.recordClass = recordClass;
		this.newRecord = newRecord;
		this.schema = newRecord.get().getSchema();
	}

	/**
	 * The record's simple name, e.g. {@code InvoiceCreated}: the value of the
	 * {@code eventType} header.
	 */
	public String recordName() {
		return this.recordClass.getSimpleName();
	}

	/** The generated record class. */
	public Class<? extends SpecificRecord> recordClass() {
		return this.recordClass;
	}

	/** The current schema of the record. */
	public Schema schema() {
		return this.schema;
	}

	SpecificRecord newRecord() {
		return this.newRecord.get();
	}

	/** The type of a deserialized value, or empty when it is no invoice event. */
	public static Optional<InvoiceEventType> of(Object value) {
		for (InvoiceEventType type : values()) {
			if (type.recordClass.isInstance(value)) {
				return Optional.of(type);
			}
		}
		return Optional.empty();
	}

}
