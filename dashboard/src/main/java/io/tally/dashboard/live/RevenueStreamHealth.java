package io.tally.dashboard.live;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code /actuator/health/revenueStream}: whether the live updates flow. Not part of
 * readiness: the pages work without it, only their figures stop updating by themselves.
 */
final class RevenueStreamHealth implements HealthIndicator {

	private final RevenueStream stream;

	private final LiveHub hub;

	RevenueStreamHealth(RevenueStream stream, LiveHub hub) {
		this.stream = stream;
		this.hub = hub;
	}

	@Override
	public Health health() {
		Health.Builder health = this.stream.isSubscribed() ? Health.up() : Health.down();
		return health.withDetail("browsers", this.hub.connections()).build();
	}

}
