package io.tally.invoice.outbox;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * OUT_OF_SERVICE until the invoice event schemas are registered (until then every write
 * answers 503); part of the readiness group, so no traffic is routed here before.
 */
class EventSchemasHealthIndicator implements HealthIndicator {

	private final EventSchemaRegistration registration;

	EventSchemasHealthIndicator(EventSchemaRegistration registration) {
		this.registration = registration;
	}

	@Override
	public Health health() {
		if (this.registration.isComplete()) {
			return Health.up().withDetail("registered", true).build();
		}
		Health.Builder health = Health.outOfService().withDetail("registered", false);
		String failure = this.registration.lastFailure();
		return (failure != null) ? health.withDetail("lastFailure", failure).build() : health.build();
	}

}
