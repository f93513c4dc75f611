package io.tally.revenue.projection.rebuild;

import io.tally.support.problem.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A cancellation was requested while no rebuild runs: answered as a 409 problem. */
class NoRebuildRunning extends ErrorResponseException {

	NoRebuildRunning() {
		super(HttpStatus.CONFLICT, Problems.problem(HttpStatus.CONFLICT, "no-rebuild-running", "No rebuild is running",
				"There is no running rebuild to cancel"), null);
	}

}
