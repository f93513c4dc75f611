package io.tally.support;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CausesTest {

	private final IOException root = new IOException("disk gone");

	private final IllegalStateException failure = new IllegalStateException("wrapped",
			new UncheckedIOException(this.root));

	@Test
	void findsTheFirstThrowableOfATypeAnywhereInTheChain() {
		assertThat(Causes.find(this.failure, IOException.class)).containsSame(this.root);
		assertThat(Causes.find(this.failure, RuntimeException.class)).containsSame(this.failure);
		assertThat(Causes.find(this.failure, InterruptedException.class)).isEmpty();
	}

	@Test
	void matchesByTypeOrTest() {
		assertThat(Causes.anyMatch(this.failure, UncheckedIOException.class)).isTrue();
		assertThat(Causes.anyMatch(this.failure, ArithmeticException.class, InterruptedException.class)).isFalse();
		assertThat(Causes.anyMatch(this.failure, (cause) -> "disk gone".equals(cause.getMessage()))).isTrue();
	}

	@Test
	void theRootIsTheLastCause() {
		assertThat(Causes.root(this.failure)).isSameAs(this.root);
		assertThat(Causes.root(this.root)).isSameAs(this.root);
	}

	@Test
	void aCauseThatPointsBackEndsTheWalk() {
		Exception first = new Exception("first");
		Exception second = new Exception("second", first);
		first.initCause(second);
		assertThat(Causes.root(second)).isSameAs(first);
		assertThat(Causes.find(second, IOException.class)).isEmpty();
	}

}
