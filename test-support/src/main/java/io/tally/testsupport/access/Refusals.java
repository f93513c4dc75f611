package io.tally.testsupport.access;

import io.tally.testsupport.http.JsonHttp;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a refused request must get back from a Tally resource server: the status, a
 * {@code WWW-Authenticate: Bearer} challenge (RFC 6750) and an RFC 9457 problem, and no
 * session cookie.
 */
public final class Refusals {

	private Refusals() {
	}

	/** Asserts that {@code response} refuses {@code credential} as its row says. */
	public static void assertRefused(JsonHttp.Response response, Credential credential, String path) {
		assertRefused(response, credential.refusal(), credential != Credential.NONE, path);
	}

	/**
	 * Asserts that {@code response} refuses a request for {@code path} with
	 * {@code status} (401 or 403); {@code tokenSent}: whether it carried a token.
	 */
	public static void assertRefused(JsonHttp.Response response, int status, boolean tokenSent, String path) {
		assertThat(response.status()).as("status, body %s", response.body()).isEqualTo(status);
		String challenge = response.header("WWW-Authenticate").orElse("");
		assertThat(challenge).as("WWW-Authenticate").startsWith("Bearer");
		if (status == 403) {
			assertThat(challenge).contains("error=\"insufficient_scope\"");
		}
		else if (tokenSent) {
			assertThat(challenge).contains("error=\"invalid_token\"");
		}
		else {
			assertThat(challenge).as("no token, no error (RFC 6750 3.1)").doesNotContain("error=");
		}
		assertThat(response.header("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).as("Content-Type").startsWith("application/problem+json"));
		JsonNode problem = response.json();
		assertThat(problem.path("type").asString())
			.isEqualTo((status == 403) ? "urn:tally:problem:insufficient-scope" : "urn:tally:problem:unauthorized");
		assertThat(problem.path("status").asInt()).isEqualTo(status);
		assertThat(problem.path("title").asString()).isNotBlank();
		assertThat(problem.path("detail").asString()).isNotBlank();
		assertThat(problem.path("instance").asString()).isEqualTo(path.replaceAll("\\?.*", ""));
		assertThat(response.header("Set-Cookie")).as("a stateless refusal sets no cookie").isEmpty();
	}

}
