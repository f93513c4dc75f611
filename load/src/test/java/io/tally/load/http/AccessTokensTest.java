package io.tally.load.http;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessTokensTest {

	private final FakeClock clock = new FakeClock();

	private final Deque<Object> answers = new ArrayDeque<>();

	private int fetched;

	private final AccessTokens tokens = new AccessTokens(() -> {
		this.fetched++;
		Object next = this.answers.removeFirst();
		if (next instanceof IOException ex) {
			throw ex;
		}
		return (AccessTokens.AccessToken) next;
	}, this.clock);

	@Test
	void fetchesOnFirstUseAndReusesTheTokenUntilThreeQuartersOfItsLifetime() throws IOException {
		this.answers.add(token("one", 300));
		assertThat(this.tokens.header()).isEqualTo("Bearer one");
		this.clock.advance(Duration.ofSeconds(224));
		assertThat(this.tokens.header()).isEqualTo("Bearer one");
		assertThat(this.fetched).isEqualTo(1);
	}

	@Test
	void renewsBeforeExpiry() throws IOException {
		this.answers.add(token("one", 300));
		this.answers.add(token("two", 300));
		this.tokens.header();
		this.clock.advance(Duration.ofSeconds(225));
		assertThat(this.tokens.header()).isEqualTo("Bearer two");
		assertThat(this.fetched).isEqualTo(2);
		this.clock.advance(Duration.ofSeconds(224));
		assertThat(this.tokens.header()).isEqualTo("Bearer two");
		assertThat(this.fetched).isEqualTo(2);
	}

	@Test
	void keepsTheValidTokenWhenRenewalFailsAndRetriesASecondLater() throws IOException {
		this.answers.add(token("one", 300));
		this.answers.add(new IOException("token endpoint down"));
		this.answers.add(token("two", 300));
		this.tokens.header();
		this.clock.advance(Duration.ofSeconds(230));
		assertThat(this.tokens.header()).isEqualTo("Bearer one");
		this.clock.advance(Duration.ofMillis(500));
		assertThat(this.tokens.header()).as("no new attempt within a second").isEqualTo("Bearer one");
		assertThat(this.fetched).isEqualTo(2);
		this.clock.advance(Duration.ofMillis(600));
		assertThat(this.tokens.header()).isEqualTo("Bearer two");
		assertThat(this.tokens.lastFailure()).isEqualTo("token endpoint down");
	}

	@Test
	void failsOnlyWhenNoValidTokenIsLeft() throws IOException {
		this.answers.add(token("one", 300));
		this.answers.add(new IOException("token endpoint down"));
		this.tokens.header();
		this.clock.advance(Duration.ofSeconds(301));
		assertThatThrownBy(this.tokens::header).isInstanceOf(TokenUnavailable.class)
			.hasMessageContaining("token endpoint down");
		assertThatThrownBy(this.tokens::header).as("without hammering the endpoint")
			.isInstanceOf(TokenUnavailable.class);
		assertThat(this.fetched).isEqualTo(2);
	}

	private static AccessTokens.AccessToken token(String value, int seconds) {
		return new AccessTokens.AccessToken(value, Duration.ofSeconds(seconds));
	}

	static final class FakeClock implements InstantSource {

		private Instant now = Instant.parse("2026-12-01T10:00:00Z");

		@Override
		public Instant instant() {
			return this.now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

	}

}
