package io.tally.support.tracing;

import java.io.IOException;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers every request with a {@code traceresponse} header (W3C Trace Context Level 2):
 * {@code 00-<trace id>-<span id>-<flags>}, so a client can look up the trace and the log
 * lines of the change it just made; flags {@code 01} say the trace was sampled
 * (exported). Runs inside Boot's HTTP server observation, whose span is the current one
 * here.
 */
class TraceResponseFilter extends OncePerRequestFilter {

	static final String HEADER = "traceresponse";

	private final Tracer tracer;

	TraceResponseFilter(Tracer tracer) {
		this.tracer = tracer;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Span span = this.tracer.currentSpan();
		// an unsampled span has ids too: its trace id still finds the log lines
		if (span != null && !span.context().traceId().isEmpty()) {
			// set before the body is written: the headers are committed with the first
			// bytes
			response.setHeader(HEADER, value(span.context()));
		}
		chain.doFilter(request, response);
	}

	static String value(TraceContext context) {
		return "00-" + context.traceId() + "-" + context.spanId() + "-"
				+ (Boolean.TRUE.equals(context.sampled()) ? "01" : "00");
	}

}
