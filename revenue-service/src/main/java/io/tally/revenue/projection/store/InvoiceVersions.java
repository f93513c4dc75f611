package io.tally.revenue.projection.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The version guard of each invoice in the live tables, read by the reconciliation to
 * compare with invoice-service's digest.
 */
@Repository
public class InvoiceVersions {

	private final JdbcClient jdbc;

	InvoiceVersions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The invoices with an id in ({@code after}, {@code last}] in PostgreSQL's uuid order
	 * (null: unbounded on that side).
	 */
	public List<Stored> range(UUID after, UUID last) {
		StringBuilder sql = new StringBuilder(
				"SELECT invoice_id, version, deleted FROM invoice_state WHERE version > 0");
		Map<String, Object> params = new HashMap<>();
		// bounds added only when present, so each form keeps its index range scan
		if (after != null) {
			sql.append(" AND invoice_id > :after");
			params.put("after", after);
		}
		if (last != null) {
			sql.append(" AND invoice_id <= :last");
			params.put("last", last);
		}
		return this.jdbc.sql(sql.toString()).params(params).query(InvoiceVersions::stored).list();
	}

	/** The known ones of the given invoices. */
	public Map<UUID, Stored> of(Collection<UUID> invoiceIds) {
		Map<UUID, Stored> found = new HashMap<>();
		this.jdbc
			.sql("SELECT invoice_id, version, deleted FROM invoice_state "
					+ "WHERE version > 0 AND invoice_id = ANY(CAST(:ids AS uuid[]))")
			.param("ids", invoiceIds.stream().map(UUID::toString).toArray(String[]::new))
			.query(InvoiceVersions::stored)
			.list()
			.forEach((stored) -> found.put(stored.invoiceId(), stored));
		return found;
	}

	private static Stored stored(ResultSet rs, int row) throws SQLException {
		return new Stored(rs.getObject("invoice_id", UUID.class), rs.getLong("version"), rs.getBoolean("deleted"));
	}

	/**
	 * What the projection holds of an invoice.
	 *
	 * @param invoiceId the invoice
	 * @param version the last applied version
	 * @param deleted whether that version deleted it
	 */
	public record Stored(UUID invoiceId, long version, boolean deleted) {
	}

}
