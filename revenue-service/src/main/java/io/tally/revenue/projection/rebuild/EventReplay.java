package io.tally.revenue.projection.rebuild;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.tally.revenue.projection.store.SourcePositions;
import io.tally.revenue.rules.InvoiceChange;

/**
 * Reads the event topic from given positions for a rebuild, in its own consumer group
 * (implemented by the Kafka adapter, which alone knows the wire).
 */
public interface EventReplay {

	/** Opens a reader of every partition of the topic, starting at {@code from}. */
	Session open(String consumerGroup, SourcePositions from);

	/** The topic's end offsets now, or empty when the broker cannot be asked. */
	Optional<SourcePositions> endOffsets();

	/** Forgets a rebuild's consumer group once the rebuild has ended (best effort). */
	void deleteGroup(String consumerGroup);

	/** A reader of the whole topic, used by one thread. */
	interface Session extends AutoCloseable {

		/**
		 * The next records, at most {@code timeout} of waiting.
		 * @throws RuntimeException on a transient failure (e.g. the schema registry is
		 * unreachable): the caller seeks back and retries
		 */
		Batch poll(Duration timeout);

		/**
		 * Where reading continues (also across partitions without records, e.g.
		 * compacted).
		 */
		SourcePositions position();

		/** Continues reading at {@code positions} (after a failed apply). */
		void seek(SourcePositions positions);

		/** The end offsets of the assigned partitions. */
		SourcePositions endOffsets();

		/** Records the positions in the consumer group, for the broker-side lag view. */
		void commit(SourcePositions positions);

		@Override
		void close();

	}

	/**
	 * Records read by one poll, and the positions after them.
	 *
	 * @param records in topic order per partition
	 * @param after where each partition stands after these records
	 */
	record Batch(List<Replayed> records, SourcePositions after) {

		/** Records read, applied or skipped. */
		public int size() {
			return this.records.size();
		}

	}

	/**
	 * One record of the topic and its change, or no change when the live consumer
	 * dead-letters such a record (undecodable or invalid): a rebuild skips it.
	 *
	 * @param partition its partition
	 * @param offset its offset
	 * @param change the change it carries, or null
	 */
	record Replayed(int partition, long offset, InvoiceChange change) {

		public boolean skipped() {
			return this.change == null;
		}

	}

}
