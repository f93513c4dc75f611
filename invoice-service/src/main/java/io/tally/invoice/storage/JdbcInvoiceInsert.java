package io.tally.invoice.storage;

import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.tally.invoice.invoice.Invoice;
import io.tally.invoice.invoice.InvoiceInsert;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.stereotype.Component;

/**
 * {@link InvoiceInsert} over JDBC: the columns of the {@code invoice} table (Flyway V1,
 * V2), parameters typed explicitly so the driver never asks the database for them. Runs
 * in the caller's transaction, like the repository.
 */
@Component
class JdbcInvoiceInsert implements InvoiceInsert {

	private static final String INSERT = "INSERT INTO invoice (id, customer_id, amount_minor, currency, status, issue_date, "
			+ "paid_at, version, created_at, updated_at, created_by, updated_by) "
			+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	private final JdbcOperations jdbc;

	JdbcInvoiceInsert(JdbcOperations jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void insert(Invoice invoice) {
		this.jdbc.update(INSERT, (statement) -> {
			statement.setObject(1, invoice.id());
			statement.setObject(2, invoice.customerId());
			statement.setLong(3, invoice.amountMinor());
			statement.setString(4, invoice.currency());
			statement.setString(5, invoice.status().name());
			statement.setObject(6, invoice.issueDate());
			statement.setObject(7, utc(invoice.paidAt()), Types.TIMESTAMP_WITH_TIMEZONE);
			statement.setLong(8, invoice.version());
			statement.setObject(9, utc(invoice.createdAt()), Types.TIMESTAMP_WITH_TIMEZONE);
			statement.setObject(10, utc(invoice.updatedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
			statement.setString(11, invoice.createdBy());
			statement.setString(12, invoice.updatedBy());
		});
	}

	private static OffsetDateTime utc(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

}
