package io.tally.revenue.reconciliation;

import io.tally.revenue.IntegrationTestBase;
import io.tally.testsupport.http.JsonHttp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator endpoints of an instance that does not reconcile (the integration tests'
 * setting; the runs themselves are proved against invoice-service in system-tests).
 */
class ReconciliationEndpointsTest extends IntegrationTestBase {

	@Test
	void reportsItselfDisabledAndRefusesToRun() {
		JsonHttp http = operations();

		JsonHttp.Response status = http.get("/api/ops/reconciliation").expect(200);
		assertThat(status.json().get("enabled").asBoolean()).isFalse();
		assertThat(status.json().get("running").asBoolean()).isFalse();

		JsonHttp.Response run = http.post("/api/ops/reconciliation/runs", "").expect(409);
		assertThat(run.json().get("type").asString()).isEqualTo("urn:tally:problem:reconciliation-disabled");
	}

	@Test
	void exposesItsMetricsToPrometheus() {
		String scrape = management().get("/actuator/prometheus").expect(200).body();

		assertThat(scrape).contains("tally_reconciliation_drift_invoices", "tally_reconciliation_drift_runs",
				"tally_reconciliation_last_run_timestamp_seconds", "tally_reconciliation_runs_total{",
				"outcome=\"drift\"", "tally_projection_rebuild_running", "tally_projection_rebuild_records_applied",
				"tally_projection_rebuild_lag_records", "tally_projection_rebuilds_total{");
	}

}
