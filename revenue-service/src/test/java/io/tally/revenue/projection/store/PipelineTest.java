package io.tally.revenue.projection.store;

import java.util.ArrayList;
import java.util.List;

import io.tally.revenue.IntegrationTestBase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The statements of a {@link Pipeline} against the real PostgreSQL driver and server: run
 * in order (a later one sees what an earlier one wrote), parameters numbered across them,
 * each statement's rows to its own handler, and a failure reported as the failing
 * statement alone would have reported it.
 */
class PipelineTest extends IntegrationTestBase {

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transaction;

	@Test
	void runsItsStatementsInOrderWithTheParametersNumberedOneAfterTheOther() {
		List<String> rows = new ArrayList<>();
		List<String> settings = new ArrayList<>();
		this.transaction.executeWithoutResult((status) -> new Pipeline()
			.add("CREATE TEMP TABLE pipeline_probe (k text, v bigint) ON COMMIT DROP", (p) -> {
			})
			.add("INSERT INTO pipeline_probe SELECT * FROM unnest(?::text[], ?::bigint[])",
					(p) -> p.array("text", new String[] { "a", "b" }).array("int8", new Long[] { 1L, 2L }))
			.add("SELECT set_config('application_name', ?, true)", (p) -> p.string("pipeline-test"),
					(rs) -> settings.add(rs.getString(1)))
			.add("SELECT k || ':' || (v + ?) || ':' || current_setting('application_name') FROM pipeline_probe ORDER BY k",
					(p) -> p.integer(10), (rs) -> rows.add(rs.getString(1)))
			.execute(this.jdbc));
		assertThat(settings).containsExactly("pipeline-test");
		assertThat(rows).containsExactly("a:11:pipeline-test", "b:12:pipeline-test");
	}

	@Test
	void aFailingStatementFailsTheWholeAsItWouldHaveFailedAlone() {
		assertThatThrownBy(() -> this.transaction.executeWithoutResult((status) -> new Pipeline()
			.add("CREATE TEMP TABLE pipeline_unique (v int PRIMARY KEY) ON COMMIT DROP", (p) -> {
			})
			.add("INSERT INTO pipeline_unique VALUES (?), (?)", (p) -> p.integer(1).integer(1))
			.add("SELECT 1", (p) -> {
			})
			.execute(this.jdbc))).isInstanceOf(DuplicateKeyException.class);
	}

	@Test
	void takesOneStatementPerPart() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Pipeline().add("SELECT 1; SELECT 2", (p) -> {
		}));
	}

}
