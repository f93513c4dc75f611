package io.tally.testsupport.access;

import java.time.Duration;
import java.util.List;

import io.tally.testsupport.TestInfrastructure;
import io.tally.testsupport.identity.TestIssuer;

/**
 * The rows of an access matrix: what a request can carry in {@code Authorization}, and
 * how a resource server must answer it. Tokens come from the shared test issuer
 * ({@link TestInfrastructure#issuer()}) unless the row is about another one.
 */
public enum Credential {

	/** No {@code Authorization} header. */
	NONE("no token", 401),

	/** A token of the right issuer, audience and scope that expired a while ago. */
	EXPIRED("an expired token", 401),

	/** A token of the right issuer and scope, meant for another audience. */
	WRONG_AUDIENCE("a token for another audience", 401),

	/** A token of another issuer, signed with that issuer's key. */
	WRONG_ISSUER("a token of another issuer", 401),

	/** A token naming the right issuer but signed with another key. */
	FORGED("a token signed with another key", 401),

	/** A valid token with every scope but the one the request needs. */
	WRONG_SCOPE("a token without the scope", 403),

	/** A valid token with exactly the scope the request needs. */
	RIGHT_SCOPE("a token with the scope", 0);

	private final String description;

	private final int refusal;

	Credential(String description, int refusal) {
		this.description = description;
		this.refusal = refusal;
	}

	/**
	 * The {@code Authorization} value for a request that needs {@code scope} (null: no
	 * scope grants it), or null for {@link #NONE}.
	 */
	public String authorization(String scope) {
		TestIssuer issuer = TestInfrastructure.issuer();
		String[] needed = (scope != null) ? new String[] { scope } : allBut(null);
		return switch (this) {
			case NONE -> null;
			case EXPIRED ->
				issuer.token().scopes(needed).expired(Duration.ofMinutes(20), Duration.ofMinutes(10)).bearer();
			case WRONG_AUDIENCE -> issuer.token().scopes(needed).audience("someone-else").bearer();
			case WRONG_ISSUER -> TestInfrastructure.otherIssuer().token().scopes(needed).bearer();
			case FORGED -> issuer.token().scopes(needed).signedBy(TestInfrastructure.otherIssuer()).bearer();
			case WRONG_SCOPE -> issuer.token().scopes(allBut(scope)).bearer();
			case RIGHT_SCOPE -> issuer.token().scopes(needed).bearer();
		};
	}

	/** The status a resource server must refuse this with, or 0 when it must not. */
	public int refusal() {
		return this.refusal;
	}

	@Override
	public String toString() {
		return this.description;
	}

	private static String[] allBut(String scope) {
		List<String> others = TestIssuer.ALL_SCOPES.stream().filter((s) -> !s.equals(scope)).toList();
		return others.toArray(String[]::new);
	}

}
