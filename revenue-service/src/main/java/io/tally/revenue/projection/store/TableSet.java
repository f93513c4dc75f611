package io.tally.revenue.projection.store;

/**
 * Which copy of the {@link ProjectionTables} a statement means: the live tables the read
 * API serves, or the shadow tables a rebuild fills.
 */
public enum TableSet {

	/** The tables in the service's default schema, read by the REST API. */
	LIVE(null),

	/** The rebuild's copies in {@value ProjectionTables#SHADOW_SCHEMA}. */
	SHADOW(ProjectionTables.SHADOW_SCHEMA);

	private final String schema;

	TableSet(String schema) {
		this.schema = schema;
	}

	/** The schema of the set, or null for the default (live) one. */
	String schema() {
		return this.schema;
	}

	/**
	 * {@code table} qualified for this set, e.g. {@code projection_shadow.invoice_state}.
	 */
	String qualify(String table) {
		return (this.schema != null) ? this.schema + "." + table : table;
	}

}
