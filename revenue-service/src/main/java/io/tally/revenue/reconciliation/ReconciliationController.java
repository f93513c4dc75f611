package io.tally.revenue.reconciliation;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tally.support.problem.ProblemResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operator endpoints of the reconciliation with invoice-service. */
@RestController
@RequestMapping("/api/ops/reconciliation")
@Tag(name = "operations")
class ReconciliationController {

	private final ReconciliationRunner runner;

	private final ReconciliationReports reports;

	ReconciliationController(ReconciliationRunner runner, ReconciliationReports reports) {
		this.runner = runner;
		this.reports = reports;
	}

	@Operation(operationId = "getReconciliation",
			summary = "The last reconciliation report, with the drifting invoices (at most 100 listed)")
	@GetMapping
	Status status() {
		return new Status(this.runner.isRunning(), this.runner.inProgress(), this.reports.last().orElse(null));
	}

	@Operation(operationId = "startReconciliation",
			summary = "Starts a run now; 409 when reconciliation is disabled here or a run is in progress")
	@ApiResponse(responseCode = "202", description = "The run started; the status as of now",
			headers = @Header(name = "Location", description = "/api/ops/reconciliation",
					schema = @Schema(type = "string")))
	@ProblemResponse(status = 409, type = "reconciliation-disabled", title = "Reconciliation is disabled",
			detail = "This instance does not reconcile (tally.reconciliation.enabled=false)",
			when = "Reconciliation is disabled on this instance")
	@ProblemResponse(status = 409, type = "reconciliation-running", title = "A reconciliation is running",
			detail = "A run is in progress on this instance; see GET /api/ops/reconciliation",
			when = "A run is in progress on this instance")
	@PostMapping("/runs")
	ResponseEntity<Status> run() {
		this.runner.trigger();
		return ResponseEntity.status(HttpStatus.ACCEPTED).header("Location", "/api/ops/reconciliation").body(status());
	}

	/**
	 * The reconciliation as this instance sees it.
	 *
	 * @param enabled whether this instance reconciles on a schedule
	 * @param running whether it is in the middle of a run
	 * @param lastRun the newest report of any instance, or null before the first
	 */
	record Status(boolean enabled, boolean running, ReconciliationReport lastRun) {
	}

}
