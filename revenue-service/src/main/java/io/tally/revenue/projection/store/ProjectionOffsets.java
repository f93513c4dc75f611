package io.tally.revenue.projection.store;

import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.stereotype.Repository;

/**
 * The {@code projection_offsets} rows: where a table set stands in the topic, advanced in
 * the transaction that applied the records.
 */
@Repository
class ProjectionOffsets {

	/**
	 * Moves the positions forward (never back: a redelivery of older records after a
	 * rebalance must not undo them), in the table the transaction's search path names.
	 */
	void advance(SourcePositions positions, Pipeline pipeline) {
		if (positions.nextOffsets().isEmpty()) {
			return;
		}
		Integer[] partitions = positions.nextOffsets().keySet().stream().sorted().toArray(Integer[]::new);
		Long[] offsets = new Long[partitions.length];
		for (int i = 0; i < partitions.length; i++) {
			offsets[i] = positions.nextOffsets().get(partitions[i]);
		}
		pipeline
			.add("""
					INSERT INTO projection_offsets AS o (topic, partition, next_offset)
					SELECT ?, * FROM unnest(?::int[], ?::bigint[])
					ON CONFLICT (topic, partition) DO UPDATE SET next_offset = GREATEST(o.next_offset, excluded.next_offset)""",
					(p) -> p.string(positions.topic()).array("int4", partitions).array("int8", offsets));
	}

	/**
	 * The positions of a table set, read through {@code jdbc} (e.g. a locking
	 * transaction's connection).
	 */
	static SourcePositions read(JdbcOperations jdbc, TableSet tables, String topic) {
		Map<Integer, Long> offsets = new HashMap<>();
		jdbc.query("SELECT partition, next_offset FROM " + tables.qualify("projection_offsets") + " WHERE topic = ?",
				(rs) -> {
					offsets.put(rs.getInt("partition"), rs.getLong("next_offset"));
				}, topic);
		return new SourcePositions(topic, offsets);
	}

}
