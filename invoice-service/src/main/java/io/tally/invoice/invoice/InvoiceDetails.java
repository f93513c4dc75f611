package io.tally.invoice.invoice;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.UUID;

/**
 * What a client asks an invoice to be, as sent (the body of a creation or a replacement):
 * absent fields are null. {@link Invoice} checks it and fills in defaults.
 *
 * @param customerId the customer billed
 * @param amountMinor amount in minor units of the currency
 * @param currency ISO 4217 code
 * @param status payment status
 * @param issueDate issue date (UTC)
 * @param paidAt when the invoice was paid; only with status PAID
 */
public record InvoiceDetails(UUID customerId, Long amountMinor, String currency, InvoiceStatus status,
		LocalDate issueDate, Instant paidAt) {

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
