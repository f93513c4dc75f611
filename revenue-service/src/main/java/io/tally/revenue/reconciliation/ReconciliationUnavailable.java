package io.tally.revenue.reconciliation;

import io.tally.support.problem.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A run was requested that cannot start now: answered as a 409 problem. */
final class ReconciliationUnavailable extends ErrorResponseException {

	private ReconciliationUnavailable(String slug, String title, String detail) {
		super(HttpStatus.CONFLICT, Problems.problem(HttpStatus.CONFLICT, slug, title, detail), null);
	}

	static ReconciliationUnavailable disabled() {
		return new ReconciliationUnavailable("reconciliation-disabled", "Reconciliation is disabled",
				"This instance does not reconcile (tally.reconciliation.enabled=false)");
	}

	static ReconciliationUnavailable running() {
		return new ReconciliationUnavailable("reconciliation-running", "A reconciliation is running",
				"A run is in progress on this instance; see GET /api/ops/reconciliation");
	}

}
