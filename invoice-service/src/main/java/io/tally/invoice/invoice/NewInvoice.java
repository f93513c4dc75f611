package io.tally.invoice.invoice;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.UUID;

/**
 * A validated creation request; absent optional fields are null and get their defaults in
 * the service.
 */
record NewInvoice(UUID customerId, long amountMinor, String currency, InvoiceStatus status, LocalDate issueDate,
		Instant paidAt) {

	/**
	 * Hash of the request as sent, to tell a replay from a different request under the
	 * same Idempotency-Key.
	 */
	String fingerprint() {
		String text = this.customerId + "|" + this.amountMinor + "|" + this.currency + "|" + this.status + "|"
				+ this.issueDate + "|" + this.paidAt;
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
