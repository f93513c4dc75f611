package io.tally.dashboard.security;

/** Registration ids of the dashboard's two OAuth2 clients. */
public final class ClientIds {

	/** Users sign in through this one; its tokens are relayed to the services. */
	public static final String USER = "tally";

	/** The dashboard's own client-credentials client, for the revenue stream. */
	public static final String STREAM = "tally-stream";

	private ClientIds() {
	}

}
