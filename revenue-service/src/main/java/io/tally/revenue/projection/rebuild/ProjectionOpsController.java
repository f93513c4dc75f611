package io.tally.revenue.projection.rebuild;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

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

	@Operation(summary = "Where the live projection stands, the running rebuild's progress and the last outcome")
	@GetMapping
	ProjectionStatus status() {
		return this.rebuilds.status();
	}

	@Operation(summary = "Starts a rebuild: the topic is replayed into shadow tables that replace the live ones "
			+ "in one transaction once they have caught up; 409 while one runs")
	@PostMapping("/rebuild")
	ResponseEntity<ProjectionStatus.RebuildView> rebuild() {
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.header("Location", "/api/ops/projection")
			.body(this.rebuilds.request());
	}

	@Operation(summary = "Cancels the running rebuild (the live tables are not touched); 409 when none runs")
	@DeleteMapping("/rebuild")
	ResponseEntity<ProjectionStatus.RebuildView> cancel() {
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(this.rebuilds.cancel());
	}

}
