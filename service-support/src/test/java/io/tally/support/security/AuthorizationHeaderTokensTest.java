package io.tally.support.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loop resolves what Spring Security's default resolver resolves, and refuses what it
 * refuses with the same error: hand-picked headers at the edges of the syntax, then
 * random ones built from the characters that matter.
 */
class AuthorizationHeaderTokensTest {

	private static final String JWT = "eyJraWQiOiJrMSIsImFsZyI6IlJTMjU2In0.eyJzdWIiOiJ0YWxseS1jbGkifQ.c2ln_bmF0-dXJl";

	private final BearerTokenResolver ours = new AuthorizationHeaderTokens();

	private final BearerTokenResolver springs = new DefaultBearerTokenResolver();

	@Test
	void resolvesAndRefusesAsTheDefaultResolverDoes() {
		List<String> headers = new ArrayList<>(List.of("", "Basic dXNlcjpwYXNz", "bearer", "Bearer", "Bearer ",
				"Bearer " + JWT, "bearer " + JWT, "BEARER " + JWT, "bEaReR abc==", "Bearer abc=", "Bearer ===",
				"Bearer a=b", "Bearer  abc", "Bearer abc ", " Bearer abc", "Bearer\tabc", "Bearerabc", "Bearer ab%c",
				"Bearer ab,c", "Bearer a\u00e9", "Bearer +/-._~", "Bearer abc\r\n", "Bearers abc", "Bearer a b",
				"Token " + JWT, "bearer=abc"));
		Random random = new Random(12);
		String alphabet = "aZ09-._~+/= \t%\u00e9Bb";
		for (int n = 0; n < 5_000; n++) {
			StringBuilder header = new StringBuilder(random.nextBoolean() ? "Bearer " : "bearer");
			int length = random.nextInt(12);
			for (int i = 0; i < length; i++) {
				header.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			headers.add(header.toString());
		}
		headers.add(null);
		for (String header : headers) {
			assertThat(outcome(this.ours, header)).as("Authorization: %s", header)
				.isEqualTo(outcome(this.springs, header));
		}
	}

	@Test
	void takesNoTokenFromTheQueryOrTheBody() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/revenue/summary");
		request.setQueryString("access_token=" + JWT);
		request.addParameter("access_token", JWT);
		assertThat(this.ours.resolve(request)).isNull();
		assertThat(this.springs.resolve(request)).isNull();
	}

	private static String outcome(BearerTokenResolver resolver, String header) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/revenue/summary");
		if (header != null) {
			request.addHeader("Authorization", header);
		}
		try {
			return "token " + resolver.resolve(request);
		}
		catch (OAuth2AuthenticationException ex) {
			return "refused " + ex.getError().getErrorCode() + ": " + ex.getError().getDescription() + " ("
					+ ex.getError().getUri() + ")";
		}
	}

}
