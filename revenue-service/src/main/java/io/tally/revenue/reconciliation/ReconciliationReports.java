package io.tally.revenue.reconciliation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The stored reports ({@code reconciliation_run}), so every instance shows the last one
 * and the row of drifting runs survives restarts.
 */
@Repository
class ReconciliationReports {

	private static final TypeReference<List<Drift>> DRIFTS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	ReconciliationReports(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** Stores a report and forgets all but the newest {@code keep}. */
	@Transactional
	void save(ReconciliationReport report, int keep) {
		this.jdbc
			.sql("""
					INSERT INTO reconciliation_run (started_at, finished_at, outcome, invoices_checked, drift_count,
					  consecutive_drift_runs, drifting, detail)
					VALUES (:started, :finished, :outcome, :checked, :drift, :consecutive, CAST(:drifting AS jsonb), :detail)""")
			.param("started", Timestamp.from(report.startedAt()))
			.param("finished", Timestamp.from(report.finishedAt()))
			.param("outcome", report.outcome().name())
			.param("checked", report.invoicesChecked())
			.param("drift", report.driftCount())
			.param("consecutive", report.consecutiveDriftRuns())
			.param("drifting", this.json.writeValueAsString(report.drifting()))
			.param("detail", report.detail())
			.update();
		this.jdbc.sql("""
				DELETE FROM reconciliation_run WHERE id <= (SELECT id FROM reconciliation_run ORDER BY id DESC
				  OFFSET :keep LIMIT 1)""").param("keep", keep).update();
	}

	Optional<ReconciliationReport> last() {
		return this.jdbc.sql("""
				SELECT started_at, finished_at, outcome, invoices_checked, drift_count, consecutive_drift_runs,
				  drifting::text AS drifting, detail
				FROM reconciliation_run ORDER BY id DESC LIMIT 1""").query(this::report).optional();
	}

	private ReconciliationReport report(ResultSet rs, int row) throws SQLException {
		return new ReconciliationReport(rs.getTimestamp("started_at").toInstant(),
				rs.getTimestamp("finished_at").toInstant(),
				ReconciliationReport.Outcome.valueOf(rs.getString("outcome")), rs.getLong("invoices_checked"),
				rs.getLong("drift_count"), rs.getInt("consecutive_drift_runs"),
				this.json.readValue(rs.getString("drifting"), DRIFTS), rs.getString("detail"));
	}

}
