package io.tally.revenue.projection.rebuild;

/** Where a rebuild is: running, or its outcome. */
public enum RebuildState {

	RUNNING, SUCCEEDED, FAILED, CANCELLED

}
