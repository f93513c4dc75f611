package io.tally.revenue.reconciliation;

import java.util.UUID;

/**
 * An invoice on which the projection disagrees with invoice-service for longer than an
 * in-flight change could explain.
 *
 * @param invoiceId the invoice
 * @param kind how they disagree
 * @param revenueVersion the version the projection holds, null if none
 * @param invoiceVersion the version invoice-service has, null if it has none
 */
record Drift(UUID invoiceId, Kind kind, Long revenueVersion, Long invoiceVersion) {

	/** How the projection and invoice-service disagree. */
	enum Kind {

		/** The projection never saw the invoice. */
		MISSING,

		/** It holds an older version than invoice-service had a grace period ago. */
		BEHIND,

		/** It holds a newer version than invoice-service has. */
		AHEAD,

		/** It counts an invoice that invoice-service does not know. */
		UNKNOWN,

		/** Same version, but only one side says it is deleted. */
		MISMATCH

	}

}
