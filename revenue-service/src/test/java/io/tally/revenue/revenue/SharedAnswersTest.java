package io.tally.revenue.revenue;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tally.revenue.freshness.Watermark;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * What {@link SharedAnswers} keeps: an answer for as long as the projection's version
 * stays the one it was read at, per key, and never one older than it already holds;
 * nothing while there is no version; a request that must read (it waited for its changes,
 * or asked for no stored answer) reads and leaves its answer for the others.
 */
class SharedAnswersTest {

	private final Watermark watermark = mock(Watermark.class);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final SharedAnswers shared = new SharedAnswers(this.watermark, this.meters);

	private final AtomicInteger reads = new AtomicInteger();

	/** A read whose answer names how many reads there have been. */
	private final Supplier<String> read = () -> "answer " + this.reads.incrementAndGet();

	@Test
	void givesTheSameAnswerUntilTheProjectionMoves() {
		atVersion("a.1");
		assertThat(answer("summary")).isEqualTo("answer 1");
		assertThat(answer("summary")).isEqualTo("answer 1");

		atVersion("a.2");
		assertThat(answer("summary")).isEqualTo("answer 2");
		assertThat(answer("summary")).isEqualTo("answer 2");

		assertThat(this.reads).hasValue(2);
		assertThat(count("kept")).isEqualTo(2);
		assertThat(count("read")).isEqualTo(2);
	}

	@Test
	void keepsOneAnswerPerKey() {
		atVersion("a.1");
		assertThat(answer("summary")).isEqualTo("answer 1");
		assertThat(answer("monthly USD")).isEqualTo("answer 2");
		assertThat(answer("summary")).isEqualTo("answer 1");
		assertThat(answer("monthly USD")).isEqualTo("answer 2");
	}

	@Test
	void readsEveryTimeWhileTheProjectionsNoticesAreNotHeard() {
		deaf();
		assertThat(answer("summary")).isEqualTo("answer 1");
		assertThat(answer("summary")).isEqualTo("answer 2");

		// heard again: nothing read while deaf is reused
		atVersion("a.5");
		assertThat(answer("summary")).isEqualTo("answer 3");
	}

	@Test
	void readsForARequestThatMustReadAndKeepsItsNewerAnswer() {
		atVersion("a.1");
		assertThat(answer("summary")).isEqualTo("answer 1");

		assertThat(answerRead("summary")).isEqualTo("answer 2");
		assertThat(answerRead("summary")).isEqualTo("answer 3");
		assertThat(answer("summary")).isEqualTo("answer 3");
		assertThat(count("read")).isEqualTo(3);
	}

	@Test
	void readsWhileDeafEvenForARequestThatMustRead() {
		deaf();
		assertThat(answerRead("summary")).isEqualTo("answer 1");

		atVersion("a.1");
		assertThat(answer("summary")).isEqualTo("answer 2");
	}

	@Test
	void mustReadForTallyAfterAndForNoCacheOrMaxAgeZero() {
		assertThat(SharedAnswers.mustRead(null, null)).isFalse();
		assertThat(SharedAnswers.mustRead("6f1c2b9e-2d7a-4c1e-9a51-0b7f3c2d1e00:3", null)).isTrue();
		assertThat(SharedAnswers.mustRead(null, "no-cache")).isTrue();
		assertThat(SharedAnswers.mustRead(null, "No-Cache")).isTrue();
		assertThat(SharedAnswers.mustRead(null, "no-transform, no-cache")).isTrue();
		assertThat(SharedAnswers.mustRead(null, "max-age=0")).isTrue();
		assertThat(SharedAnswers.mustRead(null, " max-age=\"0\" ")).isTrue();
		assertThat(SharedAnswers.mustRead(null, "max-age=60")).isFalse();
		assertThat(SharedAnswers.mustRead(null, "max-age=00")).isTrue();
		assertThat(SharedAnswers.mustRead(null, "max-age=")).isFalse();
		assertThat(SharedAnswers.mustRead(null, "max-age=\"\"")).isFalse();
		assertThat(SharedAnswers.mustRead(null, "max-age=01")).isFalse();
		assertThat(SharedAnswers.mustRead(null, "no-store")).isFalse();
		assertThat(SharedAnswers.mustRead(null, "no-cachex, only-if-cached")).isFalse();
		assertThat(SharedAnswers.mustRead(null, "")).isFalse();
	}

	@Test
	void neverReplacesAnAnswerWithOneFromAReadThatStartedEarlier() {
		atVersion("a.1");
		// a slow read, during which a later one starts and finishes
		String slow = this.shared.answer("summary", false, () -> {
			assertThat(this.shared.answer("summary", false, () -> "later read")).isEqualTo("later read");
			return "earlier read";
		});

		assertThat(slow).isEqualTo("earlier read");
		assertThat(answer("summary")).isEqualTo("later read");
	}

	@Test
	void keepsNothingOfAFailedRead() {
		atVersion("a.1");
		Supplier<String> failing = () -> {
			throw new IllegalStateException("database down");
		};
		assertThatIllegalStateException().isThrownBy(() -> this.shared.answer("summary", false, failing));
		assertThat(answer("summary")).isEqualTo("answer 1");
	}

	/** The instance has heard the projection's notices up to {@code version}. */
	private void atVersion(String version) {
		given(this.watermark.version()).willReturn(Optional.of(version));
	}

	/** The instance does not hear the projection's notices. */
	private void deaf() {
		given(this.watermark.version()).willReturn(Optional.empty());
	}

	/**
	 * The answer to {@code key} for a request that did not wait, read with {@link #read}.
	 */
	private String answer(String key) {
		return this.shared.answer(key, false, this.read);
	}

	/** The same for a request that must read (waited for its changes, or no-cache). */
	private String answerRead(String key) {
		return this.shared.answer(key, true, this.read);
	}

	private double count(String source) {
		return this.meters.get("tally.revenue.shared.answers").tag("source", source).counter().count();
	}

}
