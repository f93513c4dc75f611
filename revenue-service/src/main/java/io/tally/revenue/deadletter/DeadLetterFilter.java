package io.tally.revenue.deadletter;

import java.util.UUID;

/**
 * Which dead letters a listing or a bulk re-drive covers; a null field matches all.
 *
 * @param status the status
 * @param cause a failure class, fully qualified or simple name, matching the failure or
 * its cause
 * @param invoiceId the invoice
 * @param eventType the event's record name
 */
record DeadLetterFilter(DeadLetterStatus status, String cause, UUID invoiceId, String eventType) {

	DeadLetterFilter withStatus(DeadLetterStatus newStatus) {
		return new DeadLetterFilter(newStatus, this.cause, this.invoiceId, this.eventType);
	}

}
