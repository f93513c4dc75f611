package io.tally.systemtests;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * A span as a collector received it over OTLP, with the name of the service that sent it.
 *
 * @param service the resource's {@code service.name}
 * @param traceId 32 hex digits
 * @param spanId 16 hex digits
 * @param parentSpanId 16 hex digits, or empty for a root span
 * @param name the span name
 * @param kind e.g. {@code SPAN_KIND_PRODUCER}
 * @param attributes attribute values as strings
 * @param links the span ids this span links to
 * @param error whether the span's status is ERROR
 * @param events the span's events (name and attributes)
 */
record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name, String kind,
		Map<String, String> attributes, List<String> links, boolean error, List<Event> events) {

	static ReceivedSpan of(String service, Span span) {
		return new ReceivedSpan(service, hex(span.getTraceId().toByteArray()), hex(span.getSpanId().toByteArray()),
				hex(span.getParentSpanId().toByteArray()), span.getName(), span.getKind().name(),
				attributes(span.getAttributesList()),
				span.getLinksList().stream().map((link) -> hex(link.getSpanId().toByteArray())).toList(),
				span.getStatus().getCode() == io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR,
				span.getEventsList()
					.stream()
					.map((event) -> new Event(event.getName(), attributes(event.getAttributesList())))
					.toList());
	}

	String attribute(String key) {
		return this.attributes.get(key);
	}

	static Map<String, String> attributes(List<KeyValue> pairs) {
		Map<String, String> values = new LinkedHashMap<>();
		for (KeyValue pair : pairs) {
			values.put(pair.getKey(), text(pair.getValue()));
		}
		return values;
	}

	private static String text(AnyValue value) {
		return switch (value.getValueCase()) {
			case STRING_VALUE -> value.getStringValue();
			case INT_VALUE -> Long.toString(value.getIntValue());
			case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
			case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
			default -> value.toString();
		};
	}

	private static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}

	/** A span event, e.g. {@code exception} with {@code exception.type}. */
	record Event(String name, Map<String, String> attributes) {
	}

}
