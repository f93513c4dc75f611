package io.tally.invoice.outbox;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Shows whether this instance leads the relay and the state of the broker circuit
 * breaker. Stays UP while Kafka is down: the API keeps working and rows wait in the
 * outbox.
 */
class OutboxRelayHealthIndicator implements HealthIndicator {

	private final OutboxRelay relay;

	OutboxRelayHealthIndicator(OutboxRelay relay) {
		this.relay = relay;
	}

	@Override
	public Health health() {
		return Health.up()
			.withDetail("running", this.relay.isRunning())
			.withDetail("leader", this.relay.isLeader())
			.withDetail("circuitBreaker", this.relay.circuitBreakerState().name())
			.build();
	}

}
