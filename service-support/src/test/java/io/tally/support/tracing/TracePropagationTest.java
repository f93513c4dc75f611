package io.tally.support.tracing;

import java.util.List;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tally.support.tracing.testing.RecordedSpans;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TracePropagation} on Boot's OpenTelemetry tracing, spans collected in memory.
 */
class TracePropagationTest {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
				OpenTelemetryTracingAutoConfiguration.class, MicrometerTracingAutoConfiguration.class,
				TracingAutoConfiguration.class))
		.withPropertyValues("management.tracing.sampling.probability=1.0")
		.withUserConfiguration(RecordedSpans.Configuration.class);

	@Test
	void storesTheActiveSpanAsTraceparentAndContinuesItInAChildSpan() {
		this.contexts.run((context) -> {
			TracePropagation propagation = context.getBean(TracePropagation.class);
			Tracer tracer = propagation.tracer();
			Span request = tracer.nextSpan().name("request").start();
			W3cTraceContext stored;
			try (Tracer.SpanInScope scope = tracer.withSpan(request)) {
				stored = propagation.current();
			}
			finally {
				request.end();
			}
			assertThat(stored.traceparent())
				.isEqualTo("00-" + request.context().traceId() + "-" + request.context().spanId() + "-01");
			assertThat(stored.traceId()).isEqualTo(request.context().traceId());

			Span send = propagation.continuing(stored).name("send").start();
			send.end();

			assertThat(send.context().traceId()).isEqualTo(request.context().traceId());
			assertThat(send.context().parentId()).isEqualTo(request.context().spanId());
			assertThat(spans(context)).extracting(SpanData::getName).containsExactly("request", "send");
		});
	}

	@Test
	void withoutACarriedContextANewSpanStartsItsOwnTraceOrJoinsTheActiveOne() {
		this.contexts.run((context) -> {
			TracePropagation propagation = context.getBean(TracePropagation.class);
			assertThat(propagation.current()).isEqualTo(W3cTraceContext.NONE);

			Span root = propagation.continuing(W3cTraceContext.NONE).name("root").start();
			assertThat(root.context().parentId()).isNull();
			Span child;
			try (Tracer.SpanInScope scope = propagation.tracer().withSpan(root)) {
				child = propagation.continuing(W3cTraceContext.NONE).name("child").start();
			}
			child.end();
			root.end();
			assertThat(child.context().traceId()).isEqualTo(root.context().traceId());
			assertThat(child.context().parentId()).isEqualTo(root.context().spanId());
		});
	}

	@Test
	void aRunningBatchSpanKeepsALinkToEveryEventSpanBeyondOpenTelemetrysDefaultLimit() {
		this.contexts.run((context) -> {
			TracePropagation propagation = context.getBean(TracePropagation.class);
			Tracer tracer = propagation.tracer();
			Span batch = tracer.spanBuilder().setNoParent().name("batch").start();
			for (int i = 0; i < 1000; i++) {
				Span event = tracer.spanBuilder().setNoParent().name("event").start();
				TracePropagation.link(batch, event.context());
				event.end();
			}
			batch.end();

			SpanData exported = spans(context).stream()
				.filter((span) -> span.getName().equals("batch"))
				.findFirst()
				.orElseThrow();
			assertThat(exported.getLinks()).hasSize(1000);
			assertThat(exported.getTotalRecordedLinks()).isEqualTo(1000);
			List<String> linkedTraces = exported.getLinks()
				.stream()
				.map(LinkData::getSpanContext)
				.map((linked) -> linked.getTraceId())
				.toList();
			assertThat(linkedTraces).doesNotContain(exported.getTraceId()).doesNotHaveDuplicates();
		});
	}

	@Test
	void linkingIsANoOpWithoutTracing() {
		Span batch = TracePropagation.noop().tracer().nextSpan().start();
		TracePropagation.link(batch, batch.context());
		assertThat(TracePropagation.noop().current()).isEqualTo(W3cTraceContext.NONE);
	}

	@Test
	void dropsATraceStateWithoutATraceParentAndBlankFields() {
		assertThat(new W3cTraceContext(" ", "vendor=1")).isEqualTo(W3cTraceContext.NONE);
		assertThat(new W3cTraceContext("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "").asMap())
			.containsOnlyKeys("traceparent");
	}

	private static List<SpanData> spans(ApplicationContext context) {
		return context.getBean(RecordedSpans.class).finished();
	}

}
