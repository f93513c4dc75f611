package io.tally.revenue.projection.rebuild;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import io.tally.revenue.projection.store.SourcePositions;

/**
 * The answer of {@code GET /api/ops/projection}: the live tables' position, the running
 * rebuild with its progress, and the last finished rebuild.
 *
 * @param liveListener this instance's live listener: RUNNING, PAUSED (during a switch) or
 * STOPPED
 * @param live where the live tables stand, per partition
 * @param current the running rebuild, or null
 * @param last the newest finished rebuild, or null
 */
record ProjectionStatus(String liveListener, List<Position> live, RebuildView current, RebuildView last) {

	/**
	 * A partition's next offset.
	 *
	 * @param partition the partition
	 * @param nextOffset the offset after the last record applied
	 */
	record Position(int partition, long nextOffset) {

		static List<Position> of(SourcePositions positions) {
			return positions.nextOffsets()
				.entrySet()
				.stream()
				.sorted(java.util.Map.Entry.comparingByKey())
				.map((entry) -> new Position(entry.getKey(), entry.getValue()))
				.toList();
		}

	}

	/**
	 * One rebuild.
	 *
	 * @param id its number
	 * @param state RUNNING, SUCCEEDED, FAILED or CANCELLED
	 * @param consumerGroup the consumer group it reads with
	 * @param requestedAt when it was requested
	 * @param startedAt when an instance began it
	 * @param finishedAt when it ended
	 * @param owner the instance running it
	 * @param recordsApplied records read into the shadow tables
	 * @param recordsSkipped records skipped (those the live consumer dead-letters)
	 * @param switchAttempts switch attempts so far
	 * @param detail how it ended, or why it failed
	 * @param progress how far a running rebuild is, or null
	 */
	record RebuildView(long id, RebuildState state, String consumerGroup, Instant requestedAt, Instant startedAt,
			Instant finishedAt, String owner, long recordsApplied, long recordsSkipped, int switchAttempts,
			String detail, Progress progress) {

		static RebuildView of(Rebuild rebuild, Progress progress) {
			return new RebuildView(rebuild.id(), rebuild.state(), rebuild.consumerGroup(), rebuild.requestedAt(),
					rebuild.startedAt(), rebuild.finishedAt(), rebuild.owner(), rebuild.recordsApplied(),
					rebuild.recordsSkipped(), rebuild.switchAttempts(), rebuild.detail(), progress);
		}

	}

	/**
	 * Progress of the running rebuild.
	 *
	 * @param partitions per partition
	 * @param lagRecords records still to read up to the end of the topic (null when the
	 * broker could not be asked)
	 * @param behindLiveRecords records the shadow tables are behind the live ones: the
	 * switch begins when this is small
	 * @param recordsPerSecond average read rate since it began
	 * @param etaSeconds estimated seconds until it reaches the end of the topic, or null
	 */
	record Progress(List<PartitionProgress> partitions, Long lagRecords, long behindLiveRecords,
			double recordsPerSecond, Long etaSeconds) {

		static Progress of(Rebuild rebuild, SourcePositions shadow, SourcePositions live, Optional<SourcePositions> end,
				Instant now) {
			TreeSet<Integer> partitionIds = new TreeSet<>(shadow.nextOffsets().keySet());
			partitionIds.addAll(live.nextOffsets().keySet());
			end.ifPresent((ends) -> partitionIds.addAll(ends.nextOffsets().keySet()));
			List<PartitionProgress> partitions = new ArrayList<>();
			long lag = 0;
			long behindLive = 0;
			for (int partition : partitionIds) {
				long shadowOffset = shadow.of(partition);
				long liveOffset = live.of(partition);
				Long endOffset = end.map((ends) -> ends.of(partition)).orElse(null);
				long behind = Math.max(0, liveOffset - shadowOffset);
				Long remaining = (endOffset != null) ? Math.max(0, endOffset - shadowOffset) : null;
				partitions
					.add(new PartitionProgress(partition, shadowOffset, liveOffset, endOffset, behind, remaining));
				behindLive += behind;
				lag += (remaining != null) ? remaining : 0;
			}
			long read = rebuild.recordsApplied() + rebuild.recordsSkipped();
			double seconds = (rebuild.startedAt() != null)
					? Math.max(0.001, Duration.between(rebuild.startedAt(), now).toMillis() / 1000.0) : 0;
			double rate = (seconds > 0) ? read / seconds : 0;
			Long lagRecords = end.isPresent() ? lag : null;
			Long eta = (lagRecords != null && rate > 0) ? (long) Math.ceil(lagRecords / rate) : null;
			return new Progress(partitions, lagRecords, behindLive, Math.round(rate * 10) / 10.0, eta);
		}

	}

	/**
	 * One partition of a running rebuild.
	 *
	 * @param partition the partition
	 * @param shadowOffset where the shadow tables stand
	 * @param liveOffset where the live tables stand
	 * @param endOffset the end of the partition, or null if unknown
	 * @param behindLive records the shadow is behind the live tables
	 * @param remaining records the shadow still has to read to the end, or null if
	 * unknown
	 */
	record PartitionProgress(int partition, long shadowOffset, long liveOffset, Long endOffset, long behindLive,
			Long remaining) {

	}

}
