package io.tally.support.tracing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A W3C trace context in its two wire fields, as an outbox row stores it and a Kafka
 * record carries it in headers: {@code traceparent} (version, trace id, parent span id,
 * flags) and the optional vendor-specific {@code tracestate}.
 *
 * @param traceparent e.g.
 * {@code 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01}, or null when there was
 * no active span
 * @param tracestate vendor entries, or null
 */
public record W3cTraceContext(String traceparent, String tracestate) {

	/** The header and column name of the trace parent. */
	public static final String TRACEPARENT = "traceparent";

	/** The header and column name of the trace state. */
	public static final String TRACESTATE = "tracestate";

	/** No trace context: written when no span was active. */
	public static final W3cTraceContext NONE = new W3cTraceContext(null, null);

	public W3cTraceContext {
		traceparent = blankToNull(traceparent);
		tracestate = (traceparent != null) ? blankToNull(tracestate) : null;
	}

	/** Reads the two fields from whatever carries them (a map, record headers). */
	public static W3cTraceContext from(Map<String, String> fields) {
		return new W3cTraceContext(fields.get(TRACEPARENT), fields.get(TRACESTATE));
	}

	/** Whether a trace parent is present. */
	public boolean isPresent() {
		return this.traceparent != null;
	}

	/** The trace id (32 hex digits) of the trace parent, or null. */
	public String traceId() {
		return (this.traceparent != null && this.traceparent.length() >= 35) ? this.traceparent.substring(3, 35) : null;
	}

	/** Hands each present field to {@code field} (name, value), trace parent first. */
	public void forEach(BiConsumer<String, String> field) {
		if (this.traceparent != null) {
			field.accept(TRACEPARENT, this.traceparent);
			if (this.tracestate != null) {
				field.accept(TRACESTATE, this.tracestate);
			}
		}
	}

	/** The present fields by name. */
	public Map<String, String> asMap() {
		Map<String, String> fields = new LinkedHashMap<>(2);
		forEach(fields::put);
		return fields;
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
