package io.tally.support.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import io.tally.testsupport.http.JsonHttp;
import io.tally.testsupport.identity.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared resource server in a small application of its own, against an issuer that is
 * down at first: the application starts anyway, answers 503 with {@code Retry-After}
 * while tokens cannot be checked, and verifies them once the issuer is up; refusals are
 * problems with a Bearer challenge, never reach the controller and set no cookie.
 */
@SpringBootTest(classes = ResourceServerConfigurationTest.Application.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResourceServerConfigurationTest {

	private static final int ISSUER_PORT = freePort();

	private static TestIssuer issuer;

	@LocalServerPort
	int port;

	@Autowired
	AtomicInteger writes;

	@Autowired
	FilterChainProxy filterChainProxy;

	@Autowired
	HttpFirewall firewall;

	@DynamicPropertySource
	static void issuerThatIsNotUpYet(DynamicPropertyRegistry registry) {
		registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> "http://localhost:" + ISSUER_PORT);
	}

	@AfterAll
	static void stopIssuer() {
		if (issuer != null) {
			issuer.close();
		}
	}

	private JsonHttp.Response get(String authorization) {
		return JsonHttp.localhost(this.port).get("/api/things", "Authorization", authorization);
	}

	@Test
	@Order(1)
	void startsWhileTheIssuerIsDownAndAnswers503UntilItIsUp() {
		TestIssuer early = TestIssuer.start();
		String token = early.bearer(Scopes.REVENUE_READ);
		early.close();

		JsonHttp.Response unavailable = get(token);
		assertThat(unavailable.status()).as(unavailable.body()).isEqualTo(503);
		assertThat(unavailable.header("Retry-After")).hasValue("5");
		assertThat(unavailable.json().path("type").asString()).isEqualTo("urn:tally:problem:unavailable");
		assertThat(get("Bearer not-a-jwt").status()).as("what is no JWT needs no issuer").isEqualTo(401);

		issuer = TestIssuer.startOn(ISSUER_PORT);
		JsonHttp.Response allowed = get(issuer.bearer(Scopes.REVENUE_READ));
		assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);
		assertThat(allowed.body()).isEqualTo("things");
	}

	@Test
	@Order(2)
	void refusesAMissingTokenWithABearerChallengeAndAProblemAndNoSession() {
		JsonHttp.Response refused = JsonHttp.localhost(this.port).get("/api/things");

		assertThat(refused.status()).isEqualTo(401);
		// RFC 6750 without an error (no token was sent), and where to read about this
		// resource (RFC 9728)
		assertThat(refused.header("WWW-Authenticate").orElseThrow()).startsWith("Bearer")
			.doesNotContain("error=")
			.contains("resource_metadata=");
		assertThat(refused.header("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(refused.json().path("type").asString()).isEqualTo("urn:tally:problem:unauthorized");
		assertThat(refused.json().path("instance").asString()).isEqualTo("/api/things");
		assertThat(refused.header("Set-Cookie")).isEmpty();
	}

	@Test
	@Order(3)
	void namesTheMissingScopeAndNeverReachesTheController() {
		int before = this.writes.get();

		JsonHttp.Response refused = JsonHttp.localhost(this.port)
			.post("/api/things", "{}", "Authorization", issuer.bearer(Scopes.REVENUE_READ));

		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.header("WWW-Authenticate").orElseThrow()).contains("error=\"insufficient_scope\"");
		assertThat(refused.json().path("type").asString()).isEqualTo("urn:tally:problem:insufficient-scope");
		assertThat(refused.json().path("detail").asString()).contains(Scopes.INVOICES_WRITE);
		assertThat(this.writes.get()).isEqualTo(before);
		assertThat(JsonHttp.localhost(this.port)
			.post("/api/things", "{}", "Authorization", issuer.bearer(Scopes.INVOICES_WRITE))
			.status()).isEqualTo(200);
		assertThat(this.writes.get()).isEqualTo(before + 1);
	}

	@Test
	@Order(4)
	void refusesWhatNoRuleCoversAndAnswersEverythingElseOnlyWithAToken() {
		String everything = issuer.bearer(TestIssuer.ALL_SCOPES.toArray(String[]::new));
		JsonHttp http = JsonHttp.localhost(this.port);

		assertThat(http.get("/api/other", "Authorization", everything).status()).isEqualTo(403);
		assertThat(http.get("/elsewhere", "Authorization", everything).status()).isEqualTo(404);
		assertThat(http.get("/elsewhere").status()).isEqualTo(401);
		assertThat(http.get("/v3/api-docs").status()).as("the API's description is public").isEqualTo(200);
	}

	@Test
	@Order(5)
	void checksHeadersWithItsFirewallAndRefusesAControlCharacterInTheToken() throws IOException {
		// Spring Security wraps the chain it built (with the firewall) in a composite
		Object chain = this.filterChainProxy.getClass().getSimpleName().equals("CompositeFilterChainProxy")
				? ReflectionTestUtils.getField(this.filterChainProxy, "springSecurityFilterChain")
				: this.filterChainProxy;
		assertThat(ReflectionTestUtils.getField(chain, "firewall")).isSameAs(this.firewall);
		int before = this.writes.get();
		// 0x85 is a C1 control character once the server decodes the header as ISO-8859-1
		String token = issuer.bearer(Scopes.INVOICES_WRITE);
		byte[] request = ("POST /api/things HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n"
				+ "Authorization: " + token.substring(0, 40))
			.getBytes(StandardCharsets.ISO_8859_1);
		try (Socket socket = new Socket("localhost", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write(request);
			out.write(0x85);
			out.write((token.substring(40) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			String statusLine = new String(socket.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
			assertThat(statusLine).isEqualTo("HTTP/1.1 400");
		}
		assertThat(this.writes.get()).isEqualTo(before);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A service with one resource: reads need revenue:read, writes invoices:write. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class Application {

		private final AtomicInteger writes = new AtomicInteger();

		@Bean
		AtomicInteger writes() {
			return this.writes;
		}

		@Bean
		ScopeRules scopeRules() {
			return ScopeRules.of(ScopeRule.reads("/api/things/**", Scopes.REVENUE_READ),
					ScopeRule.writes("/api/things/**", Scopes.INVOICES_WRITE));
		}

		@GetMapping("/api/things")
		String things() {
			return "things";
		}

		@PostMapping("/api/things")
		String write() {
			this.writes.incrementAndGet();
			return "written";
		}

	}

}
