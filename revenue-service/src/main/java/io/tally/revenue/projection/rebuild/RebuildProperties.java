package io.tally.revenue.projection.rebuild;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of projection rebuilds ({@code tally.projection.rebuild.*}); the defaults run
 * locally.
 *
 * @param lockKey PostgreSQL advisory-lock key that lets one instance at a time run a
 * rebuild
 * @param checkInterval how often an idle instance looks for a rebuild to run (one whose
 * instance died, or requested on another instance); also the longest back-off after a
 * failure
 * @param maxPollRecords records read and applied to the shadow tables per transaction
 * @param pollTimeout longest wait of one read from the topic
 * @param switchLag the shadow tables start the switch once they are at most this many
 * records behind the live tables
 * @param pauseTimeout how long the switch waits for the live listener to pause
 * @param switchTimeout how long one switch attempt may keep the live listener paused
 * before it resumes it and catches up again
 * @param switchLockTimeout how long the switch transaction waits for its table locks;
 * must stay below PostgreSQL's {@code deadlock_timeout} (1 s) so that readers never fail
 * @param switchLockHold how long the switch may hold the locks to apply records another
 * instance applied to the live tables meanwhile
 */
@ConfigurationProperties("tally.projection.rebuild")
public record RebuildProperties(@DefaultValue("7243201") long lockKey, @DefaultValue("5s") Duration checkInterval,
		@DefaultValue("1000") int maxPollRecords, @DefaultValue("500ms") Duration pollTimeout,
		@DefaultValue("1000") long switchLag, @DefaultValue("10s") Duration pauseTimeout,
		@DefaultValue("10s") Duration switchTimeout, @DefaultValue("300ms") Duration switchLockTimeout,
		@DefaultValue("2s") Duration switchLockHold) {

	public RebuildProperties {
		if (switchLockTimeout.compareTo(Duration.ofMillis(900)) > 0) {
			throw new IllegalArgumentException(
					"tally.projection.rebuild.switch-lock-timeout must stay below PostgreSQL's deadlock_timeout (1s)");
		}
		if (maxPollRecords < 1) {
			throw new IllegalArgumentException("tally.projection.rebuild.max-poll-records must be positive");
		}
	}

}
