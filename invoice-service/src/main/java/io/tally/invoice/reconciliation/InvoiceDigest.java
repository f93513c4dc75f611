package io.tally.invoice.reconciliation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The invoices' ids and versions, live and deleted, in id order: what a consumer's
 * projection must agree with. Reads only the two primary keys' indexes and one snapshot
 * per page.
 */
@Repository
class InvoiceDigest {

	/** Sorts before every other UUID in PostgreSQL's order (bytewise). */
	private static final UUID BEFORE_ALL = new UUID(0, 0);

	private final JdbcClient jdbc;

	InvoiceDigest(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The first {@code size} invoices with an id after {@code after} (null: from the
	 * start).
	 */
	List<Entry> page(UUID after, int size) {
		return this.jdbc.sql("""
				(SELECT id, version, false AS deleted FROM invoice WHERE id > :after ORDER BY id LIMIT :size)
				UNION ALL
				(SELECT id, version, true FROM deleted_invoice WHERE id > :after ORDER BY id LIMIT :size)
				ORDER BY id LIMIT :size""")
			.param("after", (after != null) ? after : BEFORE_ALL)
			.param("size", size)
			.query(InvoiceDigest::entry)
			.list();
	}

	/** The entries of the given ids that exist (as live or deleted invoices). */
	List<Entry> lookup(Collection<UUID> ids) {
		return this.jdbc.sql("""
				SELECT id, version, false AS deleted FROM invoice WHERE id = ANY(CAST(:ids AS uuid[]))
				UNION ALL
				SELECT id, version, true FROM deleted_invoice WHERE id = ANY(CAST(:ids AS uuid[]))
				ORDER BY id""")
			.param("ids", ids.stream().map(UUID::toString).toArray(String[]::new))
			.query(InvoiceDigest::entry)
			.list();
	}

	private static Entry entry(ResultSet rs, int row) throws SQLException {
		return new Entry(rs.getObject("id", UUID.class), rs.getLong("version"), rs.getBoolean("deleted"));
	}

	/**
	 * One invoice in the digest.
	 *
	 * @param invoiceId the invoice
	 * @param version its current version (of a deleted invoice: the version its
	 * InvoiceDeleted event carried)
	 * @param deleted whether it was deleted
	 */
	record Entry(UUID invoiceId, long version, boolean deleted) {
	}

}
