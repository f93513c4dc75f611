package io.tally.systemtests;

import java.time.Instant;
import java.time.LocalDate;

import tools.jackson.databind.JsonNode;

/**
 * An invoice as invoice-service's API returns it (the fields revenue depends on).
 *
 * @param id the invoice id
 * @param customerId the customer
 * @param amountMinor amount in minor units of {@code currency}
 * @param currency ISO 4217 code
 * @param status PENDING or PAID
 * @param issueDate the issue date
 * @param paidAt when it was paid, or {@code null}
 * @param version the optimistic-lock version
 */
record Invoice(String id, String customerId, long amountMinor, String currency, String status, LocalDate issueDate,
		Instant paidAt, long version) {

	static Invoice from(JsonNode node) {
		JsonNode paidAt = node.path("paidAt");
		return new Invoice(node.path("id").asString(), node.path("customerId").asString(),
				node.path("amountMinor").asLong(), node.path("currency").asString(), node.path("status").asString(),
				LocalDate.parse(node.path("issueDate").asString()),
				(paidAt.isMissingNode() || paidAt.isNull()) ? null : Instant.parse(paidAt.asString()),
				node.path("version").asLong());
	}

	boolean paid() {
		return "PAID".equals(this.status);
	}

	Invoice withAmount(long amountMinor) {
		return new Invoice(this.id, this.customerId, amountMinor, this.currency, this.status, this.issueDate,
				this.paidAt, this.version);
	}

	Invoice withCurrency(String currency) {
		return new Invoice(this.id, this.customerId, this.amountMinor, currency, this.status, this.issueDate,
				this.paidAt, this.version);
	}

	Invoice withCustomer(String customerId) {
		return new Invoice(this.id, customerId, this.amountMinor, this.currency, this.status, this.issueDate,
				this.paidAt, this.version);
	}

	Invoice withIssueDate(LocalDate issueDate) {
		return new Invoice(this.id, this.customerId, this.amountMinor, this.currency, this.status, issueDate,
				this.paidAt, this.version);
	}

	Invoice paidAt(Instant paidAt) {
		return new Invoice(this.id, this.customerId, this.amountMinor, this.currency, "PAID", this.issueDate, paidAt,
				this.version);
	}

	Invoice pending() {
		return new Invoice(this.id, this.customerId, this.amountMinor, this.currency, "PENDING", this.issueDate, null,
				this.version);
	}

	/** The PUT body replacing the invoice with this state. */
	String replacementBody() {
		return "{\"customerId\":\"%s\",\"amountMinor\":%d,\"currency\":\"%s\",\"status\":\"%s\",\"issueDate\":\"%s\"%s}"
			.formatted(this.customerId, this.amountMinor, this.currency, this.status, this.issueDate,
					(this.paidAt != null) ? ",\"paidAt\":\"" + this.paidAt + "\"" : "");
	}

	/**
	 * Equal in everything revenue depends on (paidAt to the millisecond, as events carry
	 * it).
	 */
	boolean sameStateAs(Invoice other) {
		return this.id.equals(other.id) && this.customerId.equals(other.customerId)
				&& this.amountMinor == other.amountMinor && this.currency.equals(other.currency)
				&& this.status.equals(other.status) && this.issueDate.equals(other.issueDate)
				&& ((this.paidAt == null) ? other.paidAt == null
						: other.paidAt != null && this.paidAt.toEpochMilli() == other.paidAt.toEpochMilli());
	}

}
