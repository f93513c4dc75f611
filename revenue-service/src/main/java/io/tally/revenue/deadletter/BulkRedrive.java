package io.tally.revenue.deadletter;

import java.util.List;

/**
 * The outcome of one bulk re-drive call.
 *
 * @param redriven ids of the entries re-driven, in order
 * @param skipped entries looked at but not re-driven, with the reason
 * @param nextAfterId the last id looked at: pass it as {@code afterId} to go on past the
 * skipped ones (null when nothing matched)
 * @param remaining pending entries matching the filters after {@code nextAfterId}
 */
record BulkRedrive(List<Long> redriven, List<Skipped> skipped, Long nextAfterId, long remaining) {

	/**
	 * An entry a bulk re-drive left pending.
	 *
	 * @param id the entry
	 * @param reason why
	 */
	record Skipped(long id, String reason) {
	}

}
