package io.tally.load.http;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hands out a bearer token for every request and fetches a new one before the current one
 * expires.
 * <p>
 * A token is renewed once three quarters of its lifetime have passed. Exactly one caller
 * fetches; the others keep sending the current token meanwhile. If renewing fails while
 * the current token is still valid, the harness keeps using it and tries again a second
 * later; only when no valid token is left does a request fail.
 */
public final class AccessTokens implements Authorization {

	/** Where tokens come from (the token endpoint, or a fake in tests). */
	@FunctionalInterface
	public interface Fetcher {

		/** A new token. */
		AccessToken fetch() throws IOException;

	}

	/**
	 * One access token.
	 *
	 * @param value the token
	 * @param lifetime how long it is valid from the moment it was received
	 */
	public record AccessToken(String value, Duration lifetime) {

	}

	private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(1);

	private final Fetcher fetcher;

	private final InstantSource clock;

	private final ReentrantLock fetching = new ReentrantLock();

	private volatile Current current;

	private volatile Instant nextAttempt = Instant.MIN;

	private volatile long fetches;

	private volatile String lastFailure;

	private record Current(String header, Instant renewAt, Instant expiresAt) {

	}

	/** Tokens from {@code fetcher}, timed by {@code clock}. */
	public AccessTokens(Fetcher fetcher, InstantSource clock) {
		this.fetcher = fetcher;
		this.clock = clock;
	}

	/**
	 * The {@code Authorization} header value: {@code Bearer <token>}.
	 * @throws TokenUnavailable when no valid token can be had
	 */
	@Override
	public String header() throws TokenUnavailable {
		Current now = this.current;
		Instant instant = this.clock.instant();
		if (now != null && instant.isBefore(now.renewAt())) {
			return now.header();
		}
		boolean stillValid = now != null && instant.isBefore(now.expiresAt());
		if (instant.isBefore(this.nextAttempt)) {
			// the last fetch failed a moment ago: do not hammer the token endpoint
			if (stillValid) {
				return now.header();
			}
			throw new TokenUnavailable("No valid access token; the last fetch failed: " + this.lastFailure, null);
		}
		if (stillValid) {
			// renewal due: one caller renews, the others go on with the valid token
			if (!this.fetching.tryLock()) {
				return now.header();
			}
		}
		else {
			this.fetching.lock();
		}
		try {
			Current latest = this.current;
			Instant at = this.clock.instant();
			if (latest != now && latest != null && at.isBefore(latest.renewAt())) {
				return latest.header();
			}
			try {
				AccessToken token = this.fetcher.fetch();
				this.fetches++;
				Instant received = this.clock.instant();
				Current fresh = new Current("Bearer " + token.value(),
						received.plus(token.lifetime().multipliedBy(3).dividedBy(4)), received.plus(token.lifetime()));
				this.current = fresh;
				return fresh.header();
			}
			catch (IOException | RuntimeException ex) {
				this.lastFailure = ex.getMessage();
				this.nextAttempt = at.plus(RETRY_AFTER_FAILURE);
				if (latest != null && at.isBefore(latest.expiresAt())) {
					return latest.header();
				}
				throw new TokenUnavailable("No access token: " + ex.getMessage(), ex);
			}
		}
		finally {
			this.fetching.unlock();
		}
	}

	/** Why the last fetch failed, or null. */
	public String lastFailure() {
		return this.lastFailure;
	}

	/** How many tokens were fetched so far. */
	public long fetches() {
		return this.fetches;
	}

}
