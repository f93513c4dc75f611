package io.tally.testsupport.access;

import java.util.ArrayList;
import java.util.List;

import io.tally.testsupport.http.JsonHttp;
import org.junit.jupiter.params.provider.Arguments;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every API call × every {@link Credential}, for a parameterized test, and the answer
 * each cell must get: the refusal of its row, a 403 for a call no scope grants, else the
 * API's own status.
 */
public final class AccessMatrix {

	private AccessMatrix() {
	}

	/** The cells: ({@code call}, {@code credential}) for each call and credential. */
	public static List<Arguments> everyCallWithEveryCredential(ApiCall... calls) {
		List<Arguments> cells = new ArrayList<>();
		for (ApiCall call : calls) {
			for (Credential credential : Credential.values()) {
				cells.add(Arguments.of(call, credential));
			}
		}
		return cells;
	}

	/**
	 * Sends {@code call} to {@code path} (the call's path with its ids filled in) with
	 * {@code credential}'s token, checks the answer, and tells whether it was a refusal.
	 */
	public static boolean sendAndCheck(JsonHttp api, ApiCall call, String path, String body, Credential credential) {
		String authorization = credential.authorization(call.scope());
		JsonHttp.Response response = (authorization != null)
				? api.send(call.method(), path, body, "Authorization", authorization)
				: api.send(call.method(), path, body);
		int refusal = (credential.refusal() == 0 && call.scope() == null) ? 403 : credential.refusal();
		if (refusal == 0) {
			assertThat(response.status()).as(response.body()).isEqualTo(call.allowed());
			return false;
		}
		Refusals.assertRefused(response, refusal, credential != Credential.NONE, path);
		return true;
	}

}
