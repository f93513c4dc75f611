package io.tally.revenue.projection.store;

import java.util.List;

/**
 * The one declaration of the tables the projection derives from the topic. A rebuild
 * copies exactly these into the shadow schema, fills them and moves them into place; a
 * new projection table (with its Flyway migration) only has to be added here. Tables that
 * are not derived from the events (rebuild state, reconciliation reports, dead-letter
 * index) do not belong here.
 */
public final class ProjectionTables {

	/**
	 * In the order a projection transaction writes them: a switch locks them in the same
	 * order, so it cannot deadlock with a projection transaction.
	 */
	public static final List<String> NAMES = List.of("invoice_state", "revenue_by_month", "revenue_by_customer",
			"invoices_by_customer", "revenue_by_currency", "customer_count", "projection_offsets");

	/**
	 * Where a rebuild builds its copies (created by migration V3, so no CREATE right on
	 * the database is needed at run time).
	 */
	public static final String SHADOW_SCHEMA = "projection_shadow";

	private ProjectionTables() {
	}

}
