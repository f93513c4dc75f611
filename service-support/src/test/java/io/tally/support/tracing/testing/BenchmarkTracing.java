package io.tally.support.tracing.testing;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The tracing a benchmark runs with, chosen by {@code -Dbench.tracing}: {@code off} (the
 * default: Boot's {@code management.tracing.export.enabled=false} and nothing sampled, so
 * no trace context is propagated and no span recorded) or {@code on} (every trace
 * sampled, every span kept by {@link RecordedSpans}, the in-memory exporter, which the
 * benchmark's context must import).
 */
public final class BenchmarkTracing {

	private BenchmarkTracing() {
	}

	/** {@code on} or {@code off}. */
	public static String mode() {
		String mode = System.getProperty("bench.tracing", "off");
		if (!mode.equals("on") && !mode.equals("off")) {
			throw new IllegalArgumentException("-Dbench.tracing must be on or off, not " + mode);
		}
		return mode;
	}

	/** Puts the benchmark's application context in the chosen mode. */
	public static void register(DynamicPropertyRegistry registry) {
		if (mode().equals("on")) {
			registry.add("management.tracing.sampling.probability", () -> "1.0");
		}
		else {
			registry.add("management.tracing.export.enabled", () -> "false");
			registry.add("management.tracing.sampling.probability", () -> "0.0");
		}
	}

}
