package io.tally.support.database;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Connections as the role that owns the schema ({@code spring.flyway.user}), for the rare
 * work that changes tables at run time (a projection rebuild creates, grants and swaps
 * tables): the application role itself may only read and write rows. Without a separate
 * owner (one role for both) these are the application's own connections.
 *
 * @param dataSource unpooled connections as the owner: open one only for such work
 */
public record SchemaOwner(DataSource dataSource) {

	/** Statements as the owner, each on a connection of its own or the transaction's. */
	public JdbcTemplate jdbc() {
		return new JdbcTemplate(this.dataSource);
	}

	/** Transactions on one owner connection. */
	public TransactionOperations transactions() {
		return new TransactionTemplate(new DataSourceTransactionManager(this.dataSource));
	}

}
