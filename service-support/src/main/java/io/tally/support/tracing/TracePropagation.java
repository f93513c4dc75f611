package io.tally.support.tracing;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelSpan;
import io.micrometer.tracing.otel.bridge.OtelTraceContext;
import io.micrometer.tracing.propagation.Propagator;

/**
 * Carries trace contexts where no framework does: from a request into an outbox row, from
 * the row into the Kafka record's headers, from the headers into the consumer's span.
 * Built on Micrometer Tracing (the facade Boot configures, W3C propagation); with tracing
 * absent it is a no-op.
 */
public final class TracePropagation {

	private static final Propagator.Getter<Map<String, String>> MAP_GETTER = Map::get;

	private final Tracer tracer;

	private final Propagator propagator;

	public TracePropagation(Tracer tracer, Propagator propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
	}

	/** Propagation that records and carries nothing (tests, tracing switched off). */
	public static TracePropagation noop() {
		return new TracePropagation(Tracer.NOOP, Propagator.NOOP);
	}

	/** The tracer spans are started with. */
	public Tracer tracer() {
		return this.tracer;
	}

	/** The context of the span active on this thread, or {@link W3cTraceContext#NONE}. */
	public W3cTraceContext current() {
		Span span = this.tracer.currentSpan();
		return (span != null) ? fieldsOf(span.context()) : W3cTraceContext.NONE;
	}

	/** The wire fields of {@code context}, e.g. to put them on a Kafka record. */
	public W3cTraceContext fieldsOf(TraceContext context) {
		if (context == null || context.traceId() == null || context.traceId().isEmpty()) {
			return W3cTraceContext.NONE;
		}
		Map<String, String> fields = new HashMap<>(4);
		this.propagator.inject(context, fields, Map::put);
		return W3cTraceContext.from(fields);
	}

	/**
	 * A span builder whose parent is the carried context, so the new span joins the trace
	 * that wrote it; without a carried context the parent is the span active on this
	 * thread (or none: a new trace).
	 */
	public Span.Builder continuing(W3cTraceContext carried) {
		if (!carried.isPresent()) {
			return this.tracer.spanBuilder();
		}
		return this.propagator.extract(carried.asMap(), MAP_GETTER);
	}

	/**
	 * Adds a link from the running span {@code from} to {@code to}. Micrometer's builder
	 * takes links only before the start, but a batch span starts before its events are
	 * known; OpenTelemetry (the bridge Boot configures) accepts them until the span ends.
	 */
	public static void link(Span from, TraceContext to) {
		if (from instanceof OtelSpan && to instanceof OtelTraceContext) {
			OtelSpan.toOtel(from).addLink(OtelTraceContext.toOtelSpanContext(to));
		}
	}

}
