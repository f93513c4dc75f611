package io.tally.revenue.projection.rebuild;

import io.tally.support.problem.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A rebuild was requested while one runs: answered as a 409 problem. */
class RebuildAlreadyRunning extends ErrorResponseException {

	RebuildAlreadyRunning(Long runningId) {
		super(HttpStatus.CONFLICT, Problems.problem(HttpStatus.CONFLICT, "rebuild-running", "A rebuild is running",
				"Rebuild " + runningId + " is running; see GET /api/ops/projection, or cancel it first"), null);
	}

}
