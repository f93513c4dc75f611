package io.tally.support.web;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.tally.support.security.Scopes;
import io.tally.testsupport.TestInfrastructure;
import io.tally.testsupport.http.JsonHttp;
import io.tally.testsupport.http.StreamedUpload;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.servlet.filter.OrderedFormContentFilter;
import org.springframework.boot.servlet.filter.OrderedHiddenHttpMethodFilter;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializerBeans;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.filter.CharacterEncodingFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The body limit of the shared edge on a real server: oversized bodies of any method and
 * content type, chunked or announced, are refused with 413 before the server has taken
 * them, and the filter runs before every filter that reads a body.
 */
@SpringBootTest(classes = EdgeTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.mvc.hiddenmethod.filter.enabled=true")
class RequestBodyLimitOverSocketTest {

	/**
	 * Far more than the limit, Tomcat's drain after an early answer (2 MB) and the
	 * loopback socket buffers together.
	 */
	private static final long SEVERAL_MB = 48L * 1024 * 1024;

	@LocalServerPort
	int port;

	/** The shared resource server guards the test application too: behind the limit. */
	@DynamicPropertySource
	static void issuer(DynamicPropertyRegistry registry) {
		registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri",
				() -> TestInfrastructure.issuer().issuerUri());
	}

	private static String bearer() {
		return TestInfrastructure.issuer().bearer(Scopes.INVOICES_WRITE);
	}

	@Autowired
	ConfigurableListableBeanFactory beans;

	@ParameterizedTest
	@ValueSource(strings = { "PUT", "PATCH", "DELETE", "POST" })
	void refusesAChunkedFormBodyOfSeveralMegabytesBeforeTakingIt(String method) {
		StreamedUpload.Outcome outcome = StreamedUpload.chunked(this.port, method, "/form", SEVERAL_MB)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.send(30);

		assertRefusedEarly(outcome, "/form");
	}

	@Test
	void refusesAnAnnouncedOversizedBodyBeforeTakingIt() {
		StreamedUpload.Outcome outcome = StreamedUpload.withLength(this.port, "POST", "/json", SEVERAL_MB)
			.header("Content-Type", "application/json")
			.send(30);

		assertRefusedEarly(outcome, "/json");
	}

	@Test
	void refusesAChunkedJsonBodyOfSeveralMegabytesBeforeTakingIt() {
		StreamedUpload.Outcome outcome = StreamedUpload.chunked(this.port, "POST", "/json", SEVERAL_MB)
			.header("Content-Type", "application/json")
			.send(30);

		assertRefusedEarly(outcome, "/json");
	}

	@Test
	void handsSmallChunkedFormBodiesToSpringsFormContentFilter() {
		StreamedUpload.Outcome outcome = StreamedUpload.chunked(this.port, "PUT", "/form", 40_000)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Authorization", bearer())
			.send(30);

		assertThat(outcome.status()).as(outcome.body()).isEqualTo(200);
		assertThat(outcome.body()).isEqualTo("{\"length\":39998}");
		assertThat(outcome.completed()).isTrue();
	}

	@Test
	void handsSmallChunkedJsonBodiesToTheController() {
		String json = "{\"name\":\"" + "y".repeat(60_000) + "\"}";
		JsonHttp http = JsonHttp.localhost(this.port);
		// a body publisher of unknown length: the JDK client sends it chunked
		JsonHttp.Response response = http.exchange(HttpRequest.newBuilder(http.uri("/json"))
			.header("Content-Type", "application/json")
			.header("Authorization", bearer())
			.POST(HttpRequest.BodyPublishers
				.ofInputStream(() -> new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
			.build());

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(json);
	}

	@Test
	void runsBeforeEveryFilterThatMayReadABody() {
		List<String> order = new ServletContextInitializerBeans(this.beans).stream()
			.filter(FilterRegistrationBean.class::isInstance)
			.map((registration) -> (FilterRegistrationBean<?>) registration)
			.map(FilterRegistrationBean::getFilter)
			.map(RequestBodyLimitOverSocketTest::kind)
			.toList();

		assertThat(order).containsSubsequence("limit", "hidden-method", "form-content");
		// before it only filters that never read a body: encoding, the request's
		// observation (metrics, its span) and the traceresponse header
		assertThat(order.subList(0, order.indexOf("limit"))).containsOnly("character-encoding",
				ServerHttpObservationFilter.class.getName(), "io.tally.support.tracing.TraceResponseFilter");
		assertThat(RequestBodyLimitFilter.ORDER)
			.as("before Spring Security's filter chain (SecurityFilterProperties.DEFAULT_FILTER_ORDER)")
			.isLessThan(-100);
	}

	private static String kind(Filter filter) {
		return Map
			.of(RequestBodyLimitFilter.class, "limit", OrderedHiddenHttpMethodFilter.class, "hidden-method",
					OrderedFormContentFilter.class, "form-content")
			.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().isInstance(filter))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse((filter instanceof CharacterEncodingFilter) ? "character-encoding" : filter.getClass().getName());
	}

	private static void assertRefusedEarly(StreamedUpload.Outcome outcome, String path) {
		assertThat(outcome.status()).as(outcome.body()).isEqualTo(413);
		assertThat(outcome.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(outcome.body()).isEqualTo("{\"type\":\"urn:tally:problem:payload-too-large\","
				+ "\"title\":\"Content Too Large\",\"status\":413,\"detail\":\"Request body exceeds 65536 bytes\","
				+ "\"instance\":\"" + path + "\"}");
		// what was sent before the answer sits mostly in the loopback's socket buffers;
		// after the answer Tomcat drains at most server.tomcat.max-swallow-size (2 MB),
		// then closes
		assertThat(outcome.sentBeforeStatus()).as("body bytes sent when the answer came")
			.isLessThan(outcome.bodyBytes() / 4);
		assertThat(outcome.completed())
			.as("the server stopped taking the body after %d of %d bytes", outcome.sent(), outcome.bodyBytes())
			.isFalse();
	}

}
