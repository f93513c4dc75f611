package io.tally.revenue;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Least privilege in PostgreSQL: the projection was migrated by the owner role and is
 * written by a role that may change rows only (invoice-service's DatabasePrivilegesTest
 * goes through every statement; the grants come from service-support for both).
 */
class DatabaseRolesTest extends IntegrationTestBase {

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void theProjectionIsWrittenByARoleThatOwnsNothingAndCreatesNothing() {
		assertThat(this.jdbc.queryForObject("SELECT current_user", String.class)).isEqualTo("revenue_app");
		assertThat(this.jdbc.queryForList("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'",
				String.class))
			.containsExactly("revenue_owner");
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.jdbc.execute("CREATE TABLE intruder (id int)"));
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.jdbc.execute("TRUNCATE revenue_by_month"));
	}

}
