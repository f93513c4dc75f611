package io.tally.invoice;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

import io.tally.testsupport.http.JsonHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Least privilege in PostgreSQL: Flyway migrated as the owner role, the service connects
 * as a role that may read and write rows and nothing else, and everything still works
 * with it (API, outbox, relay to Kafka).
 */
class DatabasePrivilegesTest extends ServiceIntegrationTest {

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void theServiceConnectsAsTheApplicationRoleAndTheOwnerOwnsEveryTable() {
		assertThat(this.jdbc.queryForObject("SELECT current_user", String.class)).isEqualTo(DATABASE + "_app");
		List<String> owners = this.jdbc
			.queryForList("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'", String.class);
		assertThat(owners).containsExactly(DATABASE + "_owner");
		assertThat(
				this.jdbc.queryForObject("SELECT rolsuper FROM pg_roles WHERE rolname = current_user", Boolean.class))
			.isFalse();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "CREATE TABLE intruder (id int)", "DROP TABLE invoice", "TRUNCATE invoice",
			"TRUNCATE outbox", "ALTER TABLE invoice ADD COLUMN intruder int", "CREATE INDEX intruder ON invoice (id)",
			"DELETE FROM flyway_schema_history", "CREATE SCHEMA intruder" })
	void theApplicationRoleMayNotChangeTheSchemaOrItsHistory(String statement) throws SQLException {
		try (Connection connection = this.dataSource.getConnection(); Statement sql = connection.createStatement()) {
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> sql.execute(statement))
				.satisfies((ex) -> assertThat(ex.getSQLState()).as(ex.getMessage())
					.isIn("42501" /* insufficient privilege */, "42P01"));
		}
		assertThat(
				this.jdbc.queryForObject("SELECT count(*) FROM pg_tables WHERE tablename = 'invoice'", Integer.class))
			.isEqualTo(1);
	}

	@Test
	void theServiceStillWritesInvoicesAndRelaysTheirEvents() throws Exception {
		UUID customer = UUID.randomUUID();
		JsonHttp.Response created = send("POST", "/api/invoices",
				"{\"customerId\":\"" + customer + "\",\"amountMinor\":4200}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String id = created.json().path("id").asString();
		assertThat(send("DELETE", "/api/invoices/" + id, null).status()).isEqualTo(204);
		try (EventProbe probe = EventProbe.forInvoices("invoice-events", Set.of(id))) {
			assertThat(probe.awaitCount(2, Duration.ofSeconds(30))).hasSize(2);
		}
		try (Connection connection = this.dataSource.getConnection();
				Statement sql = connection.createStatement();
				ResultSet rows = sql
					.executeQuery("SELECT count(*) FROM invoice WHERE customer_id = '" + customer + "'")) {
			rows.next();
			assertThat(rows.getInt(1)).isZero();
		}
	}

}
