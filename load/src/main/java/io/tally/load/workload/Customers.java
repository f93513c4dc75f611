package io.tally.load.workload;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * The customers of a run: fresh ids that this run's creates spread over, and the
 * customers known to have figures in revenue (the ones {@code customer} reads ask for).
 */
public final class Customers {

	private final List<UUID> own;

	private volatile UUID[] withData = new UUID[0];

	/** {@code count} new customer ids, unique to this run. */
	public Customers(int count) {
		this.own = IntStream.range(0, count).mapToObj((i) -> UUID.randomUUID()).toList();
	}

	/** The customers this run's creates use. */
	public List<UUID> own() {
		return this.own;
	}

	/** A random one of this run's customers. */
	UUID anyOwn(RandomGenerator random) {
		return this.own.get(random.nextInt(this.own.size()));
	}

	/** Adds customers seen with figures in revenue. */
	public synchronized void addWithData(List<UUID> customers) {
		Set<UUID> all = new LinkedHashSet<>(List.of(this.withData));
		all.addAll(customers);
		this.withData = all.toArray(new UUID[0]);
	}

	/** The customers known to have figures in revenue. */
	public List<UUID> withData() {
		return new ArrayList<>(List.of(this.withData));
	}

	/** A random customer with figures, or null when none is known. */
	UUID anyWithData(RandomGenerator random) {
		UUID[] known = this.withData;
		return (known.length == 0) ? null : known[random.nextInt(known.length)];
	}

}
