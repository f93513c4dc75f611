package io.tally.dashboard.api;

/** Whether an invoice is paid. */
public enum InvoiceStatus {

	PENDING, PAID

}
