package io.tally.revenue.projection.rebuild;

import java.time.Instant;

import io.tally.revenue.projection.ProjectionProperties;
import io.tally.revenue.projection.store.ShadowTables;
import io.tally.revenue.projection.store.SourcePositions;
import io.tally.revenue.projection.store.TableSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Manages rebuilds for operators: request, cancel and report. The work itself is done by
 * the {@link RebuildRunner} of whichever instance holds the rebuild lock.
 */
@Service
class ProjectionRebuilds {

	private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);

	private final Rebuilds rebuilds;

	private final RebuildRunner runner;

	private final ShadowTables tables;

	private final EventReplay replay;

	private final LiveListener live;

	private final ProjectionProperties projection;

	ProjectionRebuilds(Rebuilds rebuilds, RebuildRunner runner, ShadowTables tables, EventReplay replay,
			LiveListener live, ProjectionProperties projection) {
		this.rebuilds = rebuilds;
		this.runner = runner;
		this.tables = tables;
		this.replay = replay;
		this.live = live;
		this.projection = projection;
	}

	/**
	 * Requests a rebuild.
	 * @throws RebuildAlreadyRunning when one runs
	 */
	ProjectionStatus.RebuildView request() {
		Rebuild rebuild = this.rebuilds.request(this.projection.groupId() + "-rebuild-");
		log.atInfo().addKeyValue("rebuildId", rebuild.id()).log("Rebuild {} requested", rebuild.id());
		this.runner.wakeUp();
		return ProjectionStatus.RebuildView.of(rebuild, null);
	}

	/**
	 * Cancels the running rebuild; its runner drops the shadow tables.
	 * @throws NoRebuildRunning when none runs
	 */
	ProjectionStatus.RebuildView cancel() {
		Rebuild cancelled = this.rebuilds.cancel("Cancelled by an operator").orElseThrow(NoRebuildRunning::new);
		log.atInfo().addKeyValue("rebuildId", cancelled.id()).log("Rebuild {} cancelled", cancelled.id());
		return ProjectionStatus.RebuildView.of(cancelled, null);
	}

	ProjectionStatus status() {
		String topic = this.projection.topic();
		SourcePositions livePositions = this.tables.positions(TableSet.LIVE, topic);
		ProjectionStatus.RebuildView current = this.rebuilds.running()
			.map((rebuild) -> ProjectionStatus.RebuildView.of(rebuild,
					ProjectionStatus.Progress.of(rebuild, this.tables.positions(TableSet.SHADOW, topic), livePositions,
							this.replay.endOffsets(), Instant.now())))
			.orElse(null);
		ProjectionStatus.RebuildView last = this.rebuilds.lastFinished()
			.map((rebuild) -> ProjectionStatus.RebuildView.of(rebuild, null))
			.orElse(null);
		return new ProjectionStatus(this.live.state(), ProjectionStatus.Position.of(livePositions), current, last);
	}

}
