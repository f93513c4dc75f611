package io.tally.revenue.deadletter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * The dead-letter meters (Prometheus form {@code tally_dead_letters_*}). The pending
 * gauge counts the shared index at each scrape, so every instance reports the same
 * figure: aggregate it with {@code max}, not {@code sum}.
 */
@Component
class DeadLetterMetrics {

	private final Counter redriven;

	private final Counter discarded;

	DeadLetterMetrics(MeterRegistry registry, DeadLetterIndex index) {
		Gauge.builder("tally.dead.letters.pending", index, DeadLetterIndex::countPending)
			.description("Dead-lettered records no operator has re-driven or discarded yet")
			.register(registry);
		this.redriven = Counter.builder("tally.dead.letters.redriven")
			.description("Dead-lettered records sent back to the event topic by an operator")
			.register(registry);
		this.discarded = Counter.builder("tally.dead.letters.discarded")
			.description("Dead-lettered records an operator marked handled without re-driving")
			.register(registry);
	}

	void redriven() {
		this.redriven.increment();
	}

	void discarded() {
		this.discarded.increment();
	}

}
