package io.tally.revenue.projection.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.tally.support.database.SchemaOwner;
import io.tally.support.Causes;

import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The rebuild's copies of the {@link ProjectionTables}: created with the live tables'
 * definition (columns, defaults, constraints, indexes under the same names, grants), read
 * for progress, and finally moved into place by a {@link TableSwap}.
 */
@Repository
public class ShadowTables {

	private static final String LOCK_NOT_AVAILABLE = "55P03";

	private final JdbcOperations jdbc;

	private final JdbcOperations ddl;

	private final TransactionOperations transaction;

	private final DataSource dataSource;

	/**
	 * The tables are created, granted, dropped and swapped as the schema's owner (the
	 * service's own role may only read and write rows); reads go through the service's
	 * pool.
	 */
	ShadowTables(JdbcOperations jdbc, SchemaOwner owner) {
		this.jdbc = jdbc;
		this.ddl = owner.jdbc();
		this.transaction = owner.transactions();
		this.dataSource = owner.dataSource();
	}

	/**
	 * A digest of the live tables' definition: shadow tables copied from another
	 * definition (a migration ran meanwhile) must not be moved into place.
	 */
	public String liveFingerprint() {
		return this.jdbc.queryForObject(
				"""
						SELECT md5(coalesce((SELECT string_agg(c.table_name || '.' || c.column_name || ' ' || c.data_type || ' '
						    || c.is_nullable || ' ' || coalesce(c.column_default, ''), ',' ORDER BY c.table_name, c.ordinal_position)
						  FROM information_schema.columns c
						  WHERE c.table_schema = current_schema() AND c.table_name = ANY(?::text[])), '')
						  || coalesce((SELECT string_agg(substring(pg_get_indexdef(x.indexrelid) FROM ' ON .*$'), ','
						    ORDER BY 1)
						  FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid
						  WHERE t.relnamespace = current_schema()::regnamespace AND t.relname = ANY(?::text[])), ''))""",
				String.class, names(), names());
	}

	/**
	 * Drops any earlier shadow tables and creates empty copies of the live ones, in one
	 * transaction.
	 */
	public void recreate() {
		this.transaction.executeWithoutResult((status) -> {
			String live = quote(liveSchema(this.ddl));
			String shadow = quote(ProjectionTables.SHADOW_SCHEMA);
			for (String table : ProjectionTables.NAMES) {
				this.ddl.execute("DROP TABLE IF EXISTS " + shadow + "." + quote(table));
				this.ddl.execute("CREATE TABLE " + shadow + "." + quote(table) + " (LIKE " + live + "." + quote(table)
						+ " INCLUDING ALL)");
				copyIndexNames(live + "." + quote(table), shadow, shadow + "." + quote(table));
				copyGrants(live + "." + quote(table), shadow + "." + quote(table));
			}
		});
	}

	/** Drops the shadow tables (after a failed or cancelled rebuild). */
	public void drop() {
		this.transaction.executeWithoutResult((status) -> {
			for (String table : ProjectionTables.NAMES) {
				this.ddl.execute("DROP TABLE IF EXISTS " + quote(ProjectionTables.SHADOW_SCHEMA) + "." + quote(table));
			}
		});
	}

	/** Whether every shadow table exists. */
	public boolean exist() {
		Integer found = this.jdbc.queryForObject(
				"SELECT count(*) FROM pg_tables WHERE schemaname = ? AND tablename = ANY(?::text[])", Integer.class,
				ProjectionTables.SHADOW_SCHEMA, names());
		return found != null && found == ProjectionTables.NAMES.size();
	}

	/**
	 * Where a table set stands in the topic (nothing for shadow tables that do not
	 * exist).
	 */
	public SourcePositions positions(TableSet tables, String topic) {
		if (tables == TableSet.SHADOW && !exist()) {
			return SourcePositions.none(topic);
		}
		return ProjectionOffsets.read(this.jdbc, tables, topic);
	}

	/**
	 * Begins the switch: a transaction on its own connection that locks every live table
	 * (ACCESS EXCLUSIVE, in {@link ProjectionTables#NAMES} order), so no projection
	 * transaction and no reader runs until it ends. Readers wait, they do not fail.
	 * @param lockTimeout how long to wait for the locks; keep it below PostgreSQL's
	 * {@code deadlock_timeout} (1 s) so that, if a reader holding one table waits for
	 * another, this transaction gives up first and the reader goes on
	 * @throws CannotAcquireLockException when the locks were not granted in time
	 */
	public TableSwap lockLive(Duration lockTimeout) {
		// its own connection, not the caller's: the rebuild keeps applying to the shadow
		// tables through the pool while this transaction holds the locks
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		TableSwap swap = new TableSwap(connection, new JdbcTemplate(new SingleConnectionDataSource(connection, true)));
		try {
			swap.begin();
			String live = quote(liveSchema(swap.jdbc()));
			swap.jdbc()
				.queryForObject("SELECT set_config('lock_timeout', ?, true)", String.class,
						Long.toString(lockTimeout.toMillis()));
			try {
				swap.jdbc()
					.execute("LOCK TABLE " + ProjectionTables.NAMES.stream()
						.map((table) -> live + "." + quote(table))
						.collect(Collectors.joining(", ")) + " IN ACCESS EXCLUSIVE MODE");
			}
			catch (DataAccessException ex) {
				// Spring's default translation leaves PostgreSQL's lock_not_available
				// uncategorized
				if (Causes.anyMatch(ex,
						(cause) -> cause instanceof SQLException sql && LOCK_NOT_AVAILABLE.equals(sql.getSQLState()))) {
					throw new CannotAcquireLockException("Projection tables not locked within " + lockTimeout, ex);
				}
				throw ex;
			}
			swap.liveSchema(live);
			return swap;
		}
		catch (RuntimeException ex) {
			swap.close();
			throw ex;
		}
	}

	private static String liveSchema(JdbcOperations jdbc) {
		return jdbc.queryForObject("SELECT current_schema()", String.class);
	}

	/**
	 * LIKE … INCLUDING INDEXES names the copies itself ({@code …_idx}); give each the
	 * name of the live index with the same definition, so that migrations naming an index
	 * keep working after a switch.
	 */
	private void copyIndexNames(String liveTable, String shadowSchema, String shadowTable) {
		Map<String, List<String>> liveNames = indexNamesByDefinition(liveTable);
		Map<String, List<String>> shadowNames = indexNamesByDefinition(shadowTable);
		shadowNames.forEach((definition, names) -> {
			List<String> wanted = new ArrayList<>(liveNames.getOrDefault(definition, List.of()));
			for (int i = 0; i < names.size() && i < wanted.size(); i++) {
				if (!names.get(i).equals(wanted.get(i))) {
					this.ddl.execute("ALTER INDEX " + shadowSchema + "." + quote(names.get(i)) + " RENAME TO "
							+ quote(wanted.get(i)));
				}
			}
		});
	}

	private Map<String, List<String>> indexNamesByDefinition(String table) {
		return this.ddl
			.query("""
					SELECT i.relname AS name, x.indisunique::text || x.indisprimary::text
					  || substring(pg_get_indexdef(x.indexrelid) FROM ' USING .*$') AS definition
					FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
					WHERE x.indrelid = ?::regclass ORDER BY i.relname""",
					(rs, n) -> Map.entry(rs.getString("definition"), rs.getString("name")), table)
			.stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey,
					Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
	}

	/** LIKE copies no privileges: grant the shadow table what the live one grants. */
	private void copyGrants(String liveTable, String shadowTable) {
		this.ddl.query("""
				SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(r.rolname) END AS grantee,
				  a.privilege_type
				FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a LEFT JOIN pg_roles r ON r.oid = a.grantee
				WHERE c.oid = ?::regclass AND a.grantee <> c.relowner""", (rs) -> {
			this.ddl.execute("GRANT " + rs.getString("privilege_type") + " ON " + shadowTable + " TO "
					+ rs.getString("grantee"));
		}, liveTable);
	}

	private static String[] names() {
		return ProjectionTables.NAMES.toArray(String[]::new);
	}

	static String quote(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

}
