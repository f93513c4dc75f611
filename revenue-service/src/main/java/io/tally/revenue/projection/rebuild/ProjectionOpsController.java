package io.tally.revenue.projection.rebuild;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tally.support.problem.ProblemResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operator endpoints of the projection: its state, and rebuilds without downtime. */
@RestController
@RequestMapping("/api/ops/projection")
@Tag(name = "operations")
class ProjectionOpsController {

	private final ProjectionRebuilds rebuilds;

	ProjectionOpsController(ProjectionRebuilds rebuilds) {
		this.rebuilds = rebuilds;
	}

	@Operation(operationId = "projectionStatus",
			summary = "Where the live projection stands, the running rebuild's progress and the last outcome")
	@GetMapping
	ProjectionStatus status() {
		return this.rebuilds.status();
	}

	@Operation(operationId = "startProjectionRebuild",
			summary = "Starts a rebuild: the topic is replayed into shadow tables that replace the live ones "
					+ "in one transaction once they have caught up; 409 while one runs")
	@ApiResponse(responseCode = "202",
			description = "The rebuild was requested; follow it with GET /api/ops/projection",
			headers = @Header(name = "Location", description = "/api/ops/projection",
					schema = @Schema(type = "string")))
	@ProblemResponse(status = 409, type = "rebuild-running", title = "A rebuild is running",
			detail = "Rebuild 3 is running; see GET /api/ops/projection, or cancel it first",
			when = "A rebuild is running on any instance")
	@PostMapping("/rebuild")
	ResponseEntity<ProjectionStatus.RebuildView> rebuild() {
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.header("Location", "/api/ops/projection")
			.body(this.rebuilds.request());
	}

	@Operation(operationId = "cancelProjectionRebuild",
			summary = "Cancels the running rebuild (the live tables are not touched); 409 when none runs")
	@ApiResponse(responseCode = "202", description = "The rebuild was cancelled; its shadow tables are dropped")
	@ProblemResponse(status = 409, type = "no-rebuild-running", title = "No rebuild is running",
			detail = "No rebuild is running", when = "No rebuild is running")
	@DeleteMapping("/rebuild")
	ResponseEntity<ProjectionStatus.RebuildView> cancel() {
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(this.rebuilds.cancel());
	}

}
