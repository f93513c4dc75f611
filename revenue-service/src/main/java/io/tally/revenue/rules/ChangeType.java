package io.tally.revenue.rules;

/**
 * What happened to an invoice; only used for metrics and logs, the state alone drives the
 * figures.
 */
public enum ChangeType {

	CREATED, UPDATED, PAID, DELETED

}
