package io.tally.support.tracing;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.tally.support.tracing.testing.RecordedSpans;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code traceresponse} header and the HTTP latency histogram that carries exemplars.
 */
class TraceResponseFilterTest {

	private final WebApplicationContextRunner contexts = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
				OpenTelemetryTracingAutoConfiguration.class, MicrometerTracingAutoConfiguration.class,
				TracingAutoConfiguration.class))
		.withUserConfiguration(RecordedSpans.Configuration.class);

	@Test
	void answersWithTheTraceAndSpanOfTheServerSpanAndWhetherItIsSampled() {
		this.contexts.withPropertyValues("management.tracing.sampling.probability=1.0").run((context) -> {
			Tracer tracer = context.getBean(Tracer.class);
			TraceResponseFilter filter = filter(context.getBean(FilterRegistrationBean.class));
			MockHttpServletResponse response = new MockHttpServletResponse();
			Span server = tracer.nextSpan().name("http put").start();
			try (Tracer.SpanInScope scope = tracer.withSpan(server)) {
				filter.doFilter(new MockHttpServletRequest("PUT", "/api/invoices/1"), response, new MockFilterChain());
			}
			server.end();

			assertThat(response.getHeader("traceresponse"))
				.isEqualTo("00-" + server.context().traceId() + "-" + server.context().spanId() + "-01");
		});
	}

	@Test
	void flagsAnUnsampledTraceSoNobodySearchesTheBackendForIt() {
		this.contexts.withPropertyValues("management.tracing.sampling.probability=0.0").run((context) -> {
			Tracer tracer = context.getBean(Tracer.class);
			TraceResponseFilter filter = filter(context.getBean(FilterRegistrationBean.class));
			MockHttpServletResponse response = new MockHttpServletResponse();
			Span server = tracer.nextSpan().start();
			try (Tracer.SpanInScope scope = tracer.withSpan(server)) {
				filter.doFilter(new MockHttpServletRequest("GET", "/api/invoices"), response, new MockFilterChain());
			}
			server.end();

			assertThat(response.getHeader("traceresponse")).startsWith("00-" + server.context().traceId())
				.endsWith("-00");
		});
	}

	@Test
	void addsNoHeaderOutsideASpan() {
		this.contexts.run((context) -> {
			MockHttpServletResponse response = new MockHttpServletResponse();
			filter(context.getBean(FilterRegistrationBean.class)).doFilter(new MockHttpServletRequest(), response,
					new MockFilterChain());
			assertThat(response.getHeader("traceresponse")).isNull();
		});
	}

	@Test
	void givesHttpServerRequestsAHistogramAndLeavesOtherTimersAlone() {
		this.contexts.run((context) -> {
			MeterFilter filter = context.getBean(MeterFilter.class);
			DistributionStatisticConfig http = filter.configure(id("http.server.requests"),
					DistributionStatisticConfig.DEFAULT);
			DistributionStatisticConfig other = filter.configure(id("http.client.requests"),
					DistributionStatisticConfig.NONE);
			assertThat(http.isPercentileHistogram()).isTrue();
			assertThat(other).isSameAs(DistributionStatisticConfig.NONE);
		});
	}

	private static Meter.Id id(String name) {
		return new Meter.Id(name, Tags.empty(), null, null, Meter.Type.TIMER);
	}

	private static TraceResponseFilter filter(FilterRegistrationBean<?> registration) {
		return (TraceResponseFilter) registration.getFilter();
	}

}
