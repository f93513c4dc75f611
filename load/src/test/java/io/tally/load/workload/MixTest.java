package io.tally.load.workload;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MixTest {

	@Test
	void parsesWeightsOfWriteOperations() {
		Mix mix = Mix.parse("create=70, update=10,pay=15,delete=5", true);
		assertThat(mix.weights()).containsEntry(Operation.CREATE, 70)
			.containsEntry(Operation.UPDATE, 10)
			.containsEntry(Operation.PAY, 15)
			.containsEntry(Operation.DELETE, 5);
		assertThat(mix.share(Operation.PAY)).isEqualTo(0.15);
		assertThat(mix.hasWrites()).isTrue();
		assertThat(mix.hasReads()).isFalse();
	}

	@Test
	void aNameWithoutWeightWeighsOne() {
		assertThat(Mix.parse("summary,monthly=3", false).weights()).containsEntry(Operation.SUMMARY, 1)
			.containsEntry(Operation.MONTHLY, 3);
	}

	@Test
	void refusesWhatItCannotDraw() {
		assertThatThrownBy(() -> Mix.parse("create=70,summary=1", true))
			.hasMessageContaining("Unknown write operation 'summary'")
			.hasMessageContaining("create, update, pay, delete");
		assertThatThrownBy(() -> Mix.parse("create=1", false)).hasMessageContaining("Unknown read operation");
		assertThatThrownBy(() -> Mix.parse("create=-1", true)).hasMessageContaining("must not be negative");
		assertThatThrownBy(() -> Mix.parse("create=0.5", true)).hasMessageContaining("whole number");
		assertThatThrownBy(() -> Mix.parse("create=1,create=2", true)).hasMessageContaining("appears twice");
		assertThatThrownBy(() -> Mix.parse("create=0,update=0", true)).hasMessageContaining("no positive weight");
		assertThatThrownBy(() -> Mix.parse(" ", true)).hasMessageContaining("Empty write mix");
		assertThatThrownBy(() -> Mix.parse("create=1=2", true)).hasMessageContaining("Expected name=weight");
	}

	@Test
	void drawsOperationsInProportionToTheirWeights() {
		Mix mix = Mix.parse("create=70,update=10,pay=15,delete=5", true);
		SplittableRandom random = new SplittableRandom(7);
		Map<Operation, Integer> drawn = new EnumMap<>(Operation.class);
		int draws = 200_000;
		for (int i = 0; i < draws; i++) {
			drawn.merge(mix.next(random), 1, Integer::sum);
		}
		assertThat(drawn.keySet()).containsOnly(Operation.CREATE, Operation.UPDATE, Operation.PAY, Operation.DELETE);
		assertThat(drawn.get(Operation.CREATE) / (double) draws).isCloseTo(0.70, within(0.01));
		assertThat(drawn.get(Operation.UPDATE) / (double) draws).isCloseTo(0.10, within(0.01));
		assertThat(drawn.get(Operation.PAY) / (double) draws).isCloseTo(0.15, within(0.01));
		assertThat(drawn.get(Operation.DELETE) / (double) draws).isCloseTo(0.05, within(0.01));
	}

	@Test
	void neverDrawsAZeroWeight() {
		Mix mix = Mix.parse("create=1,delete=0", true);
		SplittableRandom random = new SplittableRandom(1);
		for (int i = 0; i < 10_000; i++) {
			assertThat(mix.next(random)).isEqualTo(Operation.CREATE);
		}
		assertThat(mix.includes(Operation.DELETE)).isFalse();
	}

	@Test
	void writeAndReadWeightsFormOneDraw() {
		Mix mix = Mix.parse("create=1", true).and(Mix.parse("summary=1,monthly=2", false));
		assertThat(mix.share(Operation.CREATE)).isEqualTo(0.25);
		assertThat(mix.share(Operation.MONTHLY)).isEqualTo(0.5);
		assertThat(mix.hasReads()).isTrue();
		assertThat(mix.toString()).isEqualTo("create=1,summary=1,monthly=2");
		assertThat(Mix.none().and(Mix.parse("customer", false)).hasWrites()).isFalse();
	}

}
