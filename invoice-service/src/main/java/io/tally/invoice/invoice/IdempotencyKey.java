package io.tally.invoice.invoice;

import java.time.Instant;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Persistable;
import org.springframework.data.relational.core.mapping.Table;

/**
 * An Idempotency-Key seen on a creation, the invoice it created and a hash of the request
 * it came with.
 */
@Table("idempotency_key")
record IdempotencyKey(@Id String key, UUID invoiceId, String requestHash,
		Instant createdAt) implements Persistable<String> {

	@Override
	public String getId() {
		return this.key;
	}

	/**
	 * Keys are only ever inserted; a duplicate is a unique-key violation, which is how
	 * races are detected.
	 */
	@Override
	public boolean isNew() {
		return true;
	}

}
