package io.tally.support.tracing;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.sdk.trace.SpanLimits;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SdkTracerProviderBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Tracing glue both services share: {@link TracePropagation} for the outbox and Kafka
 * hops, the {@code traceresponse} header, room for a batch span's links, and HTTP latency
 * histograms (a histogram bucket is where Prometheus keeps an exemplar's trace id).
 */
@AutoConfiguration(afterName = {
		"org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
		"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
		"org.springframework.boot.micrometer.tracing.autoconfigure.NoopTracerAutoConfiguration" })
@EnableConfigurationProperties(TracingProperties.class)
public class TracingAutoConfiguration {

	/** Boot's name of the HTTP server request timer. */
	static final String HTTP_SERVER_REQUESTS = "http.server.requests";

	@Bean
	TracePropagation tracePropagation(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		return new TracePropagation(tracer.getIfAvailable(() -> Tracer.NOOP),
				propagator.getIfAvailable(() -> Propagator.NOOP));
	}

	@Bean
	SdkTracerProviderBuilderCustomizer tallySpanLimits(TracingProperties properties) {
		return (builder) -> builder
			.setSpanLimits(SpanLimits.builder().setMaxNumberOfLinks(properties.maxLinksPerSpan()).build());
	}

	/**
	 * No observations of Spring Security's filter chain, authentications or
	 * authorizations: they would put a span per security filter between the request's
	 * server span and the work it does (the outbox row's trace context, the relay's send
	 * as its child), and say nothing an operator follows a change for. A refused request
	 * still has its server span. Settings rather than an observation predicate: with
	 * these, Spring Security does not wrap each filter in an observation at all, which
	 * cost a few per cent of every request's CPU even with the observations filtered out
	 * (issue 12).
	 */
	@Bean
	SecurityObservationSettings noSpringSecurityObservations() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	MeterFilter httpServerRequestsHistogram() {
		return new MeterFilter() {
			@Override
			public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
				if (!HTTP_SERVER_REQUESTS.equals(id.getName())) {
					return config;
				}
				return DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config);
			}
		};
	}

	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	FilterRegistrationBean<TraceResponseFilter> traceResponseFilter(TracePropagation propagation) {
		FilterRegistrationBean<TraceResponseFilter> registration = new FilterRegistrationBean<>(
				new TraceResponseFilter(propagation.tracer()));
		// right after Boot's server observation filter (HIGHEST_PRECEDENCE + 1), whose
		// span it reports
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		return registration;
	}

}
