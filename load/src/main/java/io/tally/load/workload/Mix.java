package io.tally.load.workload;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * Relative weights of operations, e.g. {@code create=70,update=10,pay=15,delete=5}; each
 * request draws its operation from them.
 */
public final class Mix {

	private final Map<Operation, Integer> weights;

	private final Operation[] operations;

	private final long[] cumulative;

	private final long total;

	private Mix(Map<Operation, Integer> weights) {
		Map<Operation, Integer> copy = new EnumMap<>(Operation.class);
		copy.putAll(weights);
		this.weights = Collections.unmodifiableMap(copy);
		List<Operation> drawn = new ArrayList<>();
		List<Long> sums = new ArrayList<>();
		long sum = 0;
		for (Map.Entry<Operation, Integer> entry : this.weights.entrySet()) {
			if (entry.getValue() > 0) {
				sum += entry.getValue();
				drawn.add(entry.getKey());
				sums.add(sum);
			}
		}
		this.operations = drawn.toArray(new Operation[0]);
		this.cumulative = sums.stream().mapToLong(Long::longValue).toArray();
		this.total = sum;
	}

	/** No operations at all. */
	public static Mix none() {
		return new Mix(Map.of());
	}

	/**
	 * Parses {@code name=weight,…}; {@code writes} says which kind of operation the
	 * option takes (write operations for {@code --mix}, reads for {@code --reads}).
	 * @throws IllegalArgumentException naming what is wrong
	 */
	public static Mix parse(String text, boolean writes) {
		String kind = writes ? "write" : "read";
		String allowed = Arrays.stream(Operation.values())
			.filter((op) -> op.isWrite() == writes)
			.map(Operation::key)
			.collect(Collectors.joining(", "));
		Map<Operation, Integer> weights = new EnumMap<>(Operation.class);
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException("Empty " + kind + " mix; expected e.g. "
					+ (writes ? "create=70,update=10,pay=15,delete=5" : "summary=1,monthly=1,customer=1"));
		}
		for (String part : text.split(",")) {
			String[] pair = part.split("=", -1);
			Operation operation = Operation.ofKey(pair[0]);
			if (operation == null || operation.isWrite() != writes) {
				throw new IllegalArgumentException(
						"Unknown " + kind + " operation '" + pair[0].trim() + "' (one of: " + allowed + ")");
			}
			int weight = 1;
			if (pair.length > 2) {
				throw new IllegalArgumentException("Expected name=weight, got '" + part.trim() + "'");
			}
			if (pair.length == 2) {
				try {
					weight = Integer.parseInt(pair[1].trim());
				}
				catch (NumberFormatException ex) {
					throw new IllegalArgumentException(
							"Weight of " + operation.key() + " must be a whole number, got '" + pair[1].trim() + "'");
				}
			}
			if (weight < 0) {
				throw new IllegalArgumentException("Weight of " + operation.key() + " must not be negative");
			}
			if (weights.put(operation, weight) != null) {
				throw new IllegalArgumentException(operation.key() + " appears twice in the " + kind + " mix");
			}
		}
		Mix mix = new Mix(weights);
		if (mix.total == 0) {
			throw new IllegalArgumentException("The " + kind + " mix has no positive weight");
		}
		return mix;
	}

	/** Both mixes in one draw: weights are relative across the two. */
	public Mix and(Mix other) {
		Map<Operation, Integer> merged = new EnumMap<>(Operation.class);
		merged.putAll(this.weights);
		other.weights.forEach((operation, weight) -> merged.merge(operation, weight, Integer::sum));
		return new Mix(merged);
	}

	/** The next operation, drawn with {@code random}. */
	public Operation next(RandomGenerator random) {
		long draw = random.nextLong(this.total);
		for (int i = 0; i < this.cumulative.length; i++) {
			if (draw < this.cumulative[i]) {
				return this.operations[i];
			}
		}
		throw new IllegalStateException("Empty mix");
	}

	/** The weight of each operation in this mix (zero weights included as given). */
	public Map<Operation, Integer> weights() {
		return this.weights;
	}

	/** Whether any operation has a positive weight. */
	public boolean isEmpty() {
		return this.total == 0;
	}

	/** Whether {@code operation} may be drawn. */
	public boolean includes(Operation operation) {
		return this.weights.getOrDefault(operation, 0) > 0;
	}

	/** Whether any write may be drawn. */
	public boolean hasWrites() {
		return Arrays.stream(this.operations).anyMatch(Operation::isWrite);
	}

	/** Whether any read may be drawn. */
	public boolean hasReads() {
		return Arrays.stream(this.operations).anyMatch((op) -> !op.isWrite());
	}

	/** The share of {@code operation} in the draws, 0 to 1. */
	public double share(Operation operation) {
		return (this.total == 0) ? 0 : this.weights.getOrDefault(operation, 0) / (double) this.total;
	}

	@Override
	public String toString() {
		return this.weights.entrySet()
			.stream()
			.map((e) -> e.getKey().key() + "=" + e.getValue())
			.collect(Collectors.joining(","));
	}

}
