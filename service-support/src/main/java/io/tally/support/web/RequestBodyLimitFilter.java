package io.tally.support.web;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.tally.support.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over the limit with a 413 problem before anything else sees
 * them: a body whose Content-Length is over the limit is not read at all; a body of
 * unknown length (chunked) is read up to one byte past the limit, then either refused or
 * handed on from memory. Nothing reads past that byte, whatever the method or content
 * type, so neither Spring's form-content filter nor a controller ever holds more than the
 * limit.
 */
class RequestBodyLimitFilter extends OncePerRequestFilter {

	/**
	 * Right after the character-encoding and observation filters (so refusals are still
	 * measured), before every filter that may read a body: Boot's hidden-method (-10000)
	 * and form-content (-9900) filters, the security chain (-100).
	 */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	private static final Logger log = LoggerFactory.getLogger(RequestBodyLimitFilter.class);

	private final long limit;

	RequestBodyLimitFilter(long limit) {
		this.limit = limit;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long declared = request.getContentLengthLong();
		if (declared > this.limit) {
			refuse(request, response);
			return;
		}
		if (declared >= 0) {
			// the container hands out no more than the declared length
			chain.doFilter(request, response);
			return;
		}
		// unknown length (chunked, or no body at all: then this reads nothing)
		byte[] body = request.getInputStream().readNBytes(Math.toIntExact(this.limit + 1));
		if (body.length > this.limit) {
			refuse(request, response);
			return;
		}
		chain.doFilter(new ReadBody(request, body), response);
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
		log.debug("Refused a request body over {} bytes: {} {}", this.limit, request.getMethod(),
				request.getRequestURI());
		ProblemDetail problem = Problems.problem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Content Too Large",
				"Request body exceeds " + this.limit + " bytes");
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("type", problem.getType().toString());
		json.put("title", problem.getTitle());
		json.put("status", problem.getStatus());
		json.put("detail", problem.getDetail());
		json.put("instance", URI.create(request.getRequestURI()).toString());
		byte[] bytes = JsonMapper.shared().writeValueAsBytes(json);
		response.setStatus(problem.getStatus());
		// written as bytes: a writer would add "charset=ISO-8859-1", while problem JSON
		// is
		// UTF-8 by definition
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
	}

	/** A request whose body has been read into memory already. */
	private static final class ReadBody extends HttpServletRequestWrapper {

		private final byte[] body;

		private ServletInputStream stream;

		private BufferedReader reader;

		ReadBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			if (this.reader != null) {
				throw new IllegalStateException("getReader() was called already");
			}
			if (this.stream == null) {
				this.stream = new BodyStream(this.body);
			}
			return this.stream;
		}

		@Override
		public BufferedReader getReader() {
			if (this.stream != null) {
				throw new IllegalStateException("getInputStream() was called already");
			}
			if (this.reader == null) {
				String encoding = getCharacterEncoding();
				Charset charset = (encoding != null) ? Charset.forName(encoding) : StandardCharsets.ISO_8859_1;
				this.reader = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(this.body), charset));
			}
			return this.reader;
		}

	}

	private static final class BodyStream extends ServletInputStream {

		private final ByteArrayInputStream bytes;

		BodyStream(byte[] body) {
			this.bytes = new ByteArrayInputStream(body);
		}

		@Override
		public int read() {
			return this.bytes.read();
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			return this.bytes.read(buffer, offset, length);
		}

		@Override
		public boolean isFinished() {
			return this.bytes.available() == 0;
		}

		@Override
		public boolean isReady() {
			return true;
		}

		@Override
		public void setReadListener(ReadListener listener) {
			// everything is in memory: all of it is available at once
			try {
				listener.onDataAvailable();
				listener.onAllDataRead();
			}
			catch (IOException ex) {
				listener.onError(ex);
			}
		}

	}

}
