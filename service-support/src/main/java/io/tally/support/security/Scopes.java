package io.tally.support.security;

/**
 * The scopes of Tally's access tokens (the identity contract in docs/api.md) and the
 * authorities Spring Security derives from them.
 */
public final class Scopes {

	/** {@code GET /api/invoices/**}. */
	public static final String INVOICES_READ = "invoices:read";

	/** {@code POST}, {@code PUT}, {@code DELETE /api/invoices/**}. */
	public static final String INVOICES_WRITE = "invoices:write";

	/** {@code GET /api/revenue/**}. */
	public static final String REVENUE_READ = "revenue:read";

	/**
	 * Every operator endpoint under {@code /api/ops/**}, in either service, and the
	 * health details on the management port.
	 */
	public static final String OPS_ADMIN = "ops:admin";

	private static final String AUTHORITY_PREFIX = "SCOPE_";

	private Scopes() {
	}

	/** The authority a token with {@code scope} carries, e.g. {@code SCOPE_ops:admin}. */
	public static String authority(String scope) {
		return AUTHORITY_PREFIX + scope;
	}

	/** The scope behind an authority, or null when it is not a scope's authority. */
	static String scopeOf(String authority) {
		return authority.startsWith(AUTHORITY_PREFIX) ? authority.substring(AUTHORITY_PREFIX.length()) : null;
	}

}
