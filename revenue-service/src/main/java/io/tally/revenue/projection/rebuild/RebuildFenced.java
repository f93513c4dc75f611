package io.tally.revenue.projection.rebuild;

/**
 * This instance may no longer work on a rebuild: it was cancelled, ended, or taken over
 * by another instance after this one lost its lock.
 */
class RebuildFenced extends RuntimeException {

	RebuildFenced(long id) {
		super("Rebuild " + id + " is no longer run by this instance");
	}

}
