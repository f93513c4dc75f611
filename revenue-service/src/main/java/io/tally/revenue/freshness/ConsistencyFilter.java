package io.tally.revenue.freshness;

import java.io.IOException;
import java.util.List;

import io.tally.support.validation.InvalidRequest;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Freshness of the revenue read API: every answer says how fresh it is
 * ({@value Watermark#HEADER}), and a request naming changes in {@value ChangeRef#HEADER}
 * is answered only once the projection includes them — or, after the configured wait,
 * with the figures of that moment and {@code Tally-Consistency: stale}. While it waits
 * the request is suspended (servlet async): no thread and no database connection are
 * held. Runs after the security filters, so only authorized requests wait. Answers carry
 * an {@code ETag} of the projection's version, and a request whose {@code If-None-Match}
 * names the current one is answered 304 without reading anything.
 */
@Component
class ConsistencyFilter extends OncePerRequestFilter {

	/** Response header: {@code included} or {@code stale}. */
	static final String CONSISTENCY_HEADER = "Tally-Consistency";

	private static final String OUTCOME = ConsistencyFilter.class.getName() + ".outcome";

	private final Watermark watermark;

	private final ReadYourWrites readYourWrites;

	private final FreshnessProperties properties;

	private final HandlerExceptionResolver problems;

	ConsistencyFilter(Watermark watermark, ReadYourWrites readYourWrites, FreshnessProperties properties,
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
		this.watermark = watermark;
		this.readYourWrites = readYourWrites;
		this.properties = properties;
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return !path.startsWith("/api/revenue/") || path.equals("/api/revenue/stream");
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		// the answer to a request that waited is produced on its async dispatch
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (isAsyncDispatch(request) && request.getAttribute(OUTCOME) instanceof ReadYourWrites.Consistency outcome) {
			answer(request, response, chain, outcome);
			return;
		}
		String after = request.getHeader(ChangeRef.HEADER);
		if (after == null || !"GET".equals(request.getMethod())) {
			answer(request, response, chain, null);
			return;
		}
		List<ChangeRef> changes;
		try {
			changes = ChangeRef.parseAll(after);
		}
		catch (IllegalArgumentException ex) {
			this.problems.resolveException(request, response, null,
					new InvalidRequest(ChangeRef.HEADER, ex.getMessage()));
			return;
		}
		var result = awaitOrNull(changes);
		if (result == null) {
			// the database is unreachable: the read itself answers 503
			answer(request, response, chain, null);
			return;
		}
		if (result.isDone()) {
			answer(request, response, chain, result.join());
			return;
		}
		AsyncContext async = request.startAsync(request, response);
		async.setTimeout(this.properties.readYourWritesTimeout().toMillis() + 10_000);
		result.whenComplete((outcome, ex) -> {
			request.setAttribute(OUTCOME, (outcome != null) ? outcome : ReadYourWrites.Consistency.STALE);
			async.dispatch();
		});
	}

	private java.util.concurrent.CompletableFuture<ReadYourWrites.Consistency> awaitOrNull(List<ChangeRef> changes) {
		try {
			return this.readYourWrites.await(changes, this.properties.readYourWritesTimeout());
		}
		catch (DataAccessException ex) {
			return null;
		}
	}

	private void answer(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
			ReadYourWrites.Consistency outcome) throws ServletException, IOException {
		// read before the figures: the answer is at least this fresh
		this.watermark.current().ifPresent((time) -> response.setHeader(Watermark.HEADER, time.toString()));
		if (outcome != null) {
			response.setHeader(CONSISTENCY_HEADER, outcome.headerValue());
		}
		if (notModified(request, response, outcome)) {
			return;
		}
		chain.doFilter(request, response);
	}

	/**
	 * HTTP caching: a GET is answered at the watermark's current version (its tag goes on
	 * the answer, see {@link ProjectionETagAdvice}), and with 304 and no work at all when
	 * the client already holds that version. Not for a request that waited for its
	 * changes: the tag it holds may predate them.
	 */
	private boolean notModified(HttpServletRequest request, HttpServletResponse response,
			ReadYourWrites.Consistency outcome) {
		if (!"GET".equals(request.getMethod())) {
			return false;
		}
		String tag = this.watermark.version().map(ProjectionETags::tag).orElse(null);
		if (tag == null) {
			return false;
		}
		request.setAttribute(ProjectionETags.ATTRIBUTE, tag);
		if (outcome != null || !ProjectionETags.matches(request.getHeader(HttpHeaders.IF_NONE_MATCH), tag)) {
			return false;
		}
		response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
		response.setHeader(HttpHeaders.ETAG, tag);
		response.setHeader(HttpHeaders.CACHE_CONTROL, ProjectionETags.CACHE_CONTROL);
		return true;
	}

}
