package io.tally.revenue.freshness;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of read-your-writes and of the live stream ({@code tally.freshness.*}).
 *
 * @param readYourWritesTimeout longest wait of a request carrying {@code Tally-After}
 * before it is answered with the current (stale) figures
 * @param recheckInterval how often pending {@code Tally-After} requests look at the
 * database even without a notification (a safety net, e.g. after a lost connection)
 * @param reconnectInterval wait before the notification listener reconnects to PostgreSQL
 * @param stream the Server-Sent Events stream
 */
@ConfigurationProperties("tally.freshness")
public record FreshnessProperties(@DefaultValue("2s") Duration readYourWritesTimeout,
		@DefaultValue("250ms") Duration recheckInterval, @DefaultValue("2s") Duration reconnectInterval,
		@DefaultValue Stream stream) {

	/**
	 * The live stream of projection changes.
	 *
	 * @param maxClients concurrent subscribers per instance; more get 503
	 * @param clientBuffer events queued per subscriber; a subscriber that falls this far
	 * behind is dropped instead of holding memory
	 * @param senders threads writing events to subscribers
	 * @param heartbeat interval of comment lines that keep idle connections open
	 * @param maxDuration after this a subscription ends and the client reconnects
	 */
	public record Stream(@DefaultValue("200") int maxClients, @DefaultValue("32") int clientBuffer,
			@DefaultValue("4") int senders, @DefaultValue("15s") Duration heartbeat,
			@DefaultValue("30m") Duration maxDuration) {
	}

}
