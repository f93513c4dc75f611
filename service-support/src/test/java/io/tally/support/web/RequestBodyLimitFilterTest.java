package io.tally.support.web;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class RequestBodyLimitFilterTest {

	private static final int LIMIT = 1024;

	private final RequestBodyLimitFilter filter = new RequestBodyLimitFilter(LIMIT);

	@Test
	void readsNoByteOfABodyWhoseLengthIsOverTheLimit() throws Exception {
		CountingBody body = new CountingBody(10_000_000);
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();

		this.filter.doFilter(request("PUT", body, 10_000_000), response, chain);

		assertThat(body.served.get()).isZero();
		assertThat(chain.getRequest()).as("nothing after the filter ran").isNull();
		assertThat(response.getStatus()).isEqualTo(413);
	}

	@Test
	void readsAChunkedBodyOnlyUpToOneBytePastTheLimit() throws Exception {
		CountingBody body = new CountingBody(10_000_000);
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();

		this.filter.doFilter(request("POST", body, -1), response, chain);

		assertThat(body.served.get()).isEqualTo(LIMIT + 1);
		assertThat(chain.getRequest()).isNull();
		assertThat(response.getStatus()).isEqualTo(413);
	}

	@Test
	void answersWithAUtf8ProblemNamingTheLimit() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();

		this.filter.doFilter(request("POST", new CountingBody(LIMIT + 1), -1), response, new MockFilterChain());

		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		assertThat(response.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(
				"{\"type\":\"urn:tally:problem:payload-too-large\",\"title\":\"Content Too Large\",\"status\":413,"
						+ "\"detail\":\"Request body exceeds 1024 bytes\",\"instance\":\"/api/things\"}");
	}

	@Test
	void handsAChunkedBodyWithinTheLimitOnWhole() throws Exception {
		CountingBody body = new CountingBody(LIMIT);
		MockFilterChain chain = new MockFilterChain();

		this.filter.doFilter(request("POST", body, -1), new MockHttpServletResponse(), chain);

		ServletRequest passed = chain.getRequest();
		assertThat(passed.getInputStream().readAllBytes()).hasSize(LIMIT).containsOnly((byte) 'x');
		assertThat(passed.getInputStream().read()).isEqualTo(-1);
	}

	@Test
	void letsTheReaderReadAChunkedBodyInTheRequestsEncoding() throws Exception {
		byte[] text = "{\"name\":\"Zoë\"}".getBytes(StandardCharsets.UTF_8);
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/things");
		request.setContent(text);
		request.setCharacterEncoding("UTF-8");
		MockFilterChain chain = new MockFilterChain();

		this.filter.doFilter(new UnknownLength(request), new MockHttpServletResponse(), chain);

		assertThat(chain.getRequest().getReader().readLine()).isEqualTo("{\"name\":\"Zoë\"}");
	}

	@Test
	void passesABodyWithinTheLimitOnUntouchedWhenItsLengthIsKnown() throws Exception {
		CountingBody body = new CountingBody(LIMIT);
		MockFilterChain chain = new MockFilterChain();

		this.filter.doFilter(request("PUT", body, LIMIT), new MockHttpServletResponse(), chain);

		assertThat(body.served.get()).as("the container bounds a declared length itself").isZero();
		assertThat(chain.getRequest().getInputStream().readAllBytes()).hasSize(LIMIT);
	}

	private static ServletRequest request(String method, CountingBody body, long contentLength) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, "/api/things");
		return new HttpServletRequestWrapper(request) {

			@Override
			public long getContentLengthLong() {
				return contentLength;
			}

			@Override
			public int getContentLength() {
				return (int) contentLength;
			}

			@Override
			public ServletInputStream getInputStream() {
				return body;
			}

		};
	}

	/** A request whose body length is unknown, as with chunked transfer coding. */
	private static final class UnknownLength extends HttpServletRequestWrapper {

		UnknownLength(MockHttpServletRequest request) {
			super(request);
		}

		@Override
		public long getContentLengthLong() {
			return -1;
		}

		@Override
		public int getContentLength() {
			return -1;
		}

	}

	/** A body of {@code x}s that counts the bytes it hands out. */
	private static final class CountingBody extends ServletInputStream {

		private final long size;

		final AtomicLong served = new AtomicLong();

		CountingBody(long size) {
			this.size = size;
		}

		@Override
		public int read() {
			if (this.served.get() >= this.size) {
				return -1;
			}
			this.served.incrementAndGet();
			return 'x';
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			long left = this.size - this.served.get();
			if (left <= 0) {
				return -1;
			}
			int n = (int) Math.min(length, left);
			Arrays.fill(buffer, offset, offset + n, (byte) 'x');
			this.served.addAndGet(n);
			return n;
		}

		@Override
		public boolean isFinished() {
			return this.served.get() >= this.size;
		}

		@Override
		public boolean isReady() {
			return true;
		}

		@Override
		public void setReadListener(ReadListener listener) {
			throw new UnsupportedOperationException();
		}

	}

}
