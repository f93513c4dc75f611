package io.tally.support.tracing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tally's own tracing settings (Boot's are under {@code management.tracing.*} and
 * {@code management.opentelemetry.tracing.*}).
 *
 * @param maxLinksPerSpan links a span keeps: a relay round links each row it sends (up to
 * {@code tally.outbox.batch-size}, 2000), a projection batch each record it applies (up
 * to {@code max-poll-records}, 1000); OpenTelemetry's default of 128 would drop the rest
 */
@ConfigurationProperties("tally.tracing")
public record TracingProperties(@DefaultValue("4096") int maxLinksPerSpan) {

	public TracingProperties {
		if (maxLinksPerSpan < 0) {
			throw new IllegalArgumentException("tally.tracing.max-links-per-span must not be negative");
		}
	}

}
