package io.tally.revenue.projection.store;

import java.util.Map;
import java.util.TreeMap;

/**
 * How far a set of projection tables has read the topic: per partition, the offset after
 * the last record it processed (applied, found stale, or skipped).
 *
 * @param topic the topic
 * @param nextOffsets partition → next offset to read
 */
public record SourcePositions(String topic, Map<Integer, Long> nextOffsets) {

	public SourcePositions {
		nextOffsets = Map.copyOf(nextOffsets);
	}

	/** No position at all (changes that did not come from the topic, e.g. in tests). */
	public static SourcePositions none(String topic) {
		return new SourcePositions(topic, Map.of());
	}

	/** The next offset of {@code partition}, 0 when nothing of it was read. */
	public long of(int partition) {
		return this.nextOffsets.getOrDefault(partition, 0L);
	}

	/** Whether these positions have reached {@code other} on every partition. */
	public boolean covers(SourcePositions other) {
		return other.nextOffsets.entrySet().stream().allMatch((entry) -> of(entry.getKey()) >= entry.getValue());
	}

	/** Per partition, how many records these positions are behind {@code other}. */
	public Map<Integer, Long> behind(SourcePositions other) {
		Map<Integer, Long> gaps = new TreeMap<>();
		other.nextOffsets.forEach((partition, offset) -> gaps.put(partition, Math.max(0, offset - of(partition))));
		return gaps;
	}

}
