package io.tally.load.workload;

import java.util.Locale;

/** What one request of the harness does. */
public enum Operation {

	/** {@code POST /api/invoices}. */
	CREATE(true),
	/**
	 * {@code PUT /api/invoices/{id}} with {@code If-Match}, on an invoice this run
	 * created.
	 */
	UPDATE(true),
	/** {@code POST /api/invoices/{id}/payment} on a pending invoice this run created. */
	PAY(true),
	/** {@code DELETE /api/invoices/{id}} on an invoice this run created. */
	DELETE(true),
	/** {@code GET /api/revenue/summary}. */
	SUMMARY(false),
	/** {@code GET /api/revenue/monthly} for twelve months of one currency. */
	MONTHLY(false),
	/** {@code GET /api/revenue/customers/{id}} for a customer that has data. */
	CUSTOMER(false);

	private final boolean write;

	Operation(boolean write) {
		this.write = write;
	}

	/** Whether this operation changes invoices. */
	public boolean isWrite() {
		return this.write;
	}

	/**
	 * The name used on the command line and in reports: {@code create}, {@code summary}…
	 */
	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The operation named {@code key}, or null. */
	public static Operation ofKey(String key) {
		for (Operation operation : values()) {
			if (operation.key().equals(key.trim().toLowerCase(Locale.ROOT))) {
				return operation;
			}
		}
		return null;
	}

}
