package io.tally.revenue.projection.rebuild;

import java.time.Instant;

/**
 * Published (as a Spring application event, on the instance that switched) when a rebuild
 * replaced the live projection tables: their content changed without passing through the
 * live listener.
 *
 * @param rebuildId the rebuild
 * @param switchedAt when the new tables went live
 */
public record ProjectionRebuilt(long rebuildId, Instant switchedAt) {

}
