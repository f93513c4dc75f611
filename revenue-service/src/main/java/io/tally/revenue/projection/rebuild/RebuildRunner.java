package io.tally.revenue.projection.rebuild;

import java.lang.management.ManagementFactory;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import io.tally.revenue.background.BackgroundWorker;
import io.tally.revenue.projection.ProjectionProperties;
import io.tally.revenue.projection.store.AdvisoryLock;
import io.tally.revenue.projection.store.BatchApplier;
import io.tally.revenue.projection.store.ShadowTables;
import io.tally.revenue.projection.store.SourcePositions;
import io.tally.revenue.projection.store.TableSet;
import io.tally.revenue.projection.store.TableSwap;
import io.tally.revenue.rules.InvoiceChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Runs requested rebuilds in the background, on the one instance that holds the rebuild
 * lock. A rebuild reads the topic from the beginning in its own consumer group into the
 * shadow tables through the same {@link BatchApplier} as the live listener; once the
 * shadow tables are close behind the live ones it pauses the live listener, lets the
 * shadow reach exactly the live tables' positions and swaps the tables in one
 * transaction. Its state and the shadow tables' positions are in the database, so after a
 * restart (of this or another instance) it resumes where it stood; reads are served from
 * the live tables throughout.
 */
@Component
class RebuildRunner extends BackgroundWorker {

	private static final Logger log = LoggerFactory.getLogger(RebuildRunner.class);

	private static final Duration MIN_BACKOFF = Duration.ofMillis(500);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

	private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);

	private static final Duration HOLD_POLL = Duration.ofMillis(100);

	private final Rebuilds rebuilds;

	private final ShadowTables shadow;

	private final BatchApplier batches;

	private final EventReplay replay;

	private final LiveListener live;

	private final TransactionOperations transaction;

	private final DataSource dataSource;

	private final RebuildMetrics metrics;

	private final ApplicationEventPublisher events;

	private final RebuildProperties properties;

	private final String topic;

	private final String instance = ManagementFactory.getRuntimeMXBean().getName() + "/"
			+ UUID.randomUUID().toString().substring(0, 8);

	RebuildRunner(Rebuilds rebuilds, ShadowTables shadow, BatchApplier batches, EventReplay replay, LiveListener live,
			TransactionOperations transaction, DataSource dataSource, RebuildMetrics metrics,
			ApplicationEventPublisher events, RebuildProperties properties, ProjectionProperties projection) {
		super("projection-rebuild");
		this.rebuilds = rebuilds;
		this.shadow = shadow;
		this.batches = batches;
		this.replay = replay;
		this.live = live;
		this.transaction = transaction;
		this.dataSource = dataSource;
		this.metrics = metrics;
		this.events = events;
		this.properties = properties;
		this.topic = projection.topic();
	}

	/**
	 * Looks for a rebuild to run every check interval. When the instance stops, a running
	 * rebuild stays RUNNING in the database and is resumed by the next instance that
	 * starts (or this one after its restart).
	 */
	@Override
	protected void work() {
		while (isRunning()) {
			try {
				runPending();
			}
			catch (SQLException | RuntimeException ex) {
				if (isRunning()) {
					log.warn("Looking for a projection rebuild to run failed: {}", rootMessage(ex));
				}
			}
			pause(this.properties.checkInterval());
		}
	}

	private void runPending() throws SQLException {
		if (this.rebuilds.running().isEmpty()) {
			return;
		}
		Optional<AdvisoryLock> lock = AdvisoryLock.tryAcquire(this.dataSource, this.properties.lockKey());
		if (lock.isEmpty()) {
			return; // another instance runs it
		}
		try (AdvisoryLock held = lock.get()) {
			Optional<Rebuild> rebuild = this.rebuilds.running();
			if (rebuild.isPresent() && this.rebuilds.claim(rebuild.get().id(), this.instance)) {
				new Execution(rebuild.get()).run();
			}
		}
	}

	/**
	 * One rebuild on this instance, from claiming it to its end or this instance's stop.
	 */
	private final class Execution {

		private final Rebuild rebuild;

		private final Instant began = Instant.now();

		private long applied;

		private long skipped;

		private SourcePositions recorded;

		private Instant lastProgress = Instant.EPOCH;

		private Instant nextSwitch = Instant.EPOCH;

		Execution(Rebuild rebuild) {
			this.rebuild = rebuild;
		}

		private long id() {
			return this.rebuild.id();
		}

		void run() {
			try {
				if (!prepare()) {
					return;
				}
				RebuildRunner.this.metrics.started(this.applied);
				Duration backoff = MIN_BACKOFF;
				while (isRunning()) {
					SourcePositions from = RebuildRunner.this.shadow.positions(TableSet.SHADOW,
							RebuildRunner.this.topic);
					this.recorded = from;
					try (EventReplay.Session session = RebuildRunner.this.replay.open(this.rebuild.consumerGroup(),
							from)) {
						if (catchUpAndSwitch(session)) {
							succeeded();
						}
						return;
					}
					catch (RebuildFenced ex) {
						throw ex;
					}
					catch (RuntimeException ex) {
						if (!isRunning()) {
							return;
						}
						log.atWarn()
							.addKeyValue("rebuildId", id())
							.log("Rebuild {} failed for now, resuming from its stored positions in {}: {}", id(),
									backoff, rootMessage(ex));
						pause(backoff);
						backoff = (backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0) ? MAX_BACKOFF
								: backoff.multipliedBy(2);
					}
				}
			}
			catch (RebuildFenced ex) {
				fenced();
			}
			finally {
				RebuildRunner.this.metrics.stopped();
			}
		}

		/**
		 * Creates the shadow tables, or finds them ready to resume; false if it failed.
		 */
		private boolean prepare() {
			String fingerprint = RebuildRunner.this.shadow.liveFingerprint();
			if (fingerprint.equals(this.rebuild.shadowFingerprint()) && RebuildRunner.this.shadow.exist()) {
				this.applied = this.rebuild.recordsApplied();
				this.skipped = this.rebuild.recordsSkipped();
				log.atInfo()
					.addKeyValue("rebuildId", id())
					.log("Resuming rebuild {} ({} records applied so far) with consumer group {}", id(), this.applied,
							this.rebuild.consumerGroup());
				return true;
			}
			if (this.rebuild.shadowFingerprint() != null) {
				log.atWarn()
					.addKeyValue("rebuildId", id())
					.log("The projection tables changed since rebuild {} began (a migration ran): starting it over",
							id());
			}
			try {
				RebuildRunner.this.shadow.recreate();
			}
			catch (DataAccessException ex) {
				String detail = "Could not create the shadow tables: " + rootMessage(ex);
				log.atError().addKeyValue("rebuildId", id()).log("Rebuild {} failed. {}", id(), detail);
				RebuildRunner.this.rebuilds.finish(id(), RebuildRunner.this.instance, RebuildState.FAILED, detail);
				RebuildRunner.this.metrics.ended(RebuildState.FAILED);
				return false;
			}
			RebuildRunner.this.rebuilds.shadowCreated(id(), RebuildRunner.this.instance, fingerprint);
			log.atInfo()
				.addKeyValue("rebuildId", id())
				.log("Rebuild {} started: reading {} from the beginning with consumer group {}", id(),
						RebuildRunner.this.topic, this.rebuild.consumerGroup());
			return true;
		}

		/** True once switched; false when this instance stops first. */
		private boolean catchUpAndSwitch(EventReplay.Session session) {
			while (isRunning()) {
				EventReplay.Batch batch = session.poll(RebuildRunner.this.properties.pollTimeout());
				apply(session, batch);
				boolean nearEnd = batch.size() < RebuildRunner.this.properties.maxPollRecords();
				if (nearEnd || progressDue()) {
					progress(session);
					long behind = total(session.position().behind(liveTablesPosition()));
					if (behind <= RebuildRunner.this.properties.switchLag()
							&& !Instant.now().isBefore(this.nextSwitch)) {
						if (trySwitch(session)) {
							return true;
						}
						this.nextSwitch = Instant.now().plus(RebuildRunner.this.properties.checkInterval());
					}
				}
			}
			return false;
		}

		/**
		 * Pauses the live listener, brings the shadow tables exactly to the live tables'
		 * positions and swaps them; resumes the live listener in any case.
		 */
		private boolean trySwitch(EventReplay.Session session) {
			RebuildRunner.this.rebuilds.switchAttempted(id(), RebuildRunner.this.instance);
			RebuildRunner.this.live.pause();
			try {
				if (!await(RebuildRunner.this.live::isPaused, RebuildRunner.this.properties.pauseTimeout())) {
					log.atWarn()
						.addKeyValue("rebuildId", id())
						.log("The live listener did not pause within {}; rebuild {} tries again later",
								RebuildRunner.this.properties.pauseTimeout(), id());
					return false;
				}
				Instant deadline = Instant.now().plus(RebuildRunner.this.properties.switchTimeout());
				while (isRunning() && Instant.now().isBefore(deadline)) {
					if (!session.position().covers(liveTablesPosition())) {
						apply(session, session.poll(RebuildRunner.this.properties.pollTimeout()));
					}
					else if (swap(session)) {
						return true;
					}
				}
				if (isRunning()) {
					log.atInfo()
						.addKeyValue("rebuildId", id())
						.log("Rebuild {} could not switch within {}; the live listener resumes and it catches up again",
								id(), RebuildRunner.this.properties.switchTimeout());
				}
				return false;
			}
			finally {
				RebuildRunner.this.live.resume();
			}
		}

		/** The swap transaction: true when the shadow tables went live. */
		private boolean swap(EventReplay.Session session) {
			try (TableSwap swap = RebuildRunner.this.shadow
				.lockLive(RebuildRunner.this.properties.switchLockTimeout())) {
				SourcePositions liveTables = swap.livePositions(RebuildRunner.this.topic);
				// other instances may have applied more before the locks were granted:
				// close that gap while they wait
				Instant holdUntil = Instant.now().plus(RebuildRunner.this.properties.switchLockHold());
				while (!session.position().covers(liveTables) && Instant.now().isBefore(holdUntil)) {
					apply(session, session.poll(HOLD_POLL));
				}
				if (!swap.shadowPositions(RebuildRunner.this.topic).covers(liveTables)) {
					return false;
				}
				String detail = "Switched after " + this.applied + " records (" + this.skipped
						+ " skipped as the live consumer dead-letters them) at the live tables' positions "
						+ liveTables.nextOffsets();
				swap.complete((jdbc) -> Rebuilds.finish(jdbc, id(), RebuildRunner.this.instance, RebuildState.SUCCEEDED,
						detail));
				return true;
			}
			catch (CannotAcquireLockException ex) {
				// readers or projection transactions held the tables for longer than the
				// lock timeout: they go on, the switch tries again
				log.atDebug().addKeyValue("rebuildId", id()).log("Switch locks not granted: {}", ex.getMessage());
				return false;
			}
		}

		/** Applies one poll's records to the shadow tables, with their positions. */
		private void apply(EventReplay.Session session, EventReplay.Batch batch) {
			if (batch.records().isEmpty() && this.recorded.covers(batch.after())) {
				return;
			}
			List<InvoiceChange> changes = new ArrayList<>(batch.size());
			long skippedHere = 0;
			for (EventReplay.Replayed record : batch.records()) {
				if (record.skipped()) {
					skippedHere++;
				}
				else {
					changes.add(record.change());
				}
			}
			try {
				applyInTransaction(changes, batch.after(), batch.size() - skippedHere, skippedHere);
			}
			catch (DataIntegrityViolationException | ArithmeticException recordSpecific) {
				// one record's data breaks the database (the live consumer dead-lettered
				// it): find it by applying one at a time, skip it
				skippedHere = applyOneByOne(batch);
			}
			this.applied += batch.size() - skippedHere;
			this.skipped += skippedHere;
			this.recorded = batch.after();
			session.commit(batch.after());
		}

		private long applyOneByOne(EventReplay.Batch batch) {
			long skippedHere = 0;
			for (EventReplay.Replayed record : batch.records()) {
				SourcePositions position = new SourcePositions(RebuildRunner.this.topic,
						Map.of(record.partition(), record.offset() + 1));
				if (record.skipped()) {
					skippedHere++;
					applyInTransaction(List.of(), position, 0, 1);
					continue;
				}
				try {
					applyInTransaction(List.of(record.change()), position, 1, 0);
				}
				catch (DataIntegrityViolationException | ArithmeticException ex) {
					skippedHere++;
					log.atWarn()
						.addKeyValue("rebuildId", id())
						.addKeyValue("invoiceId", record.change().invoiceId())
						.addKeyValue("invoiceVersion", record.change().version())
						.addKeyValue("partition", record.partition())
						.addKeyValue("offset", record.offset())
						.log("Rebuild {} skips a record the database rejects: {}", id(), rootMessage(ex));
					applyInTransaction(List.of(), position, 0, 1);
				}
			}
			applyInTransaction(List.of(), batch.after(), 0, 0);
			return skippedHere;
		}

		private void applyInTransaction(List<InvoiceChange> changes, SourcePositions positions, long applied,
				long skipped) {
			RebuildRunner.this.transaction.executeWithoutResult((status) -> {
				RebuildRunner.this.rebuilds.progressed(id(), RebuildRunner.this.instance, applied, skipped);
				RebuildRunner.this.batches.apply(TableSet.SHADOW, changes, positions);
			});
		}

		private SourcePositions liveTablesPosition() {
			return RebuildRunner.this.shadow.positions(TableSet.LIVE, RebuildRunner.this.topic);
		}

		private boolean progressDue() {
			return Duration.between(this.lastProgress, Instant.now()).compareTo(PROGRESS_INTERVAL) >= 0;
		}

		private void progress(EventReplay.Session session) {
			this.lastProgress = Instant.now();
			long lag = total(session.position().behind(session.endOffsets()));
			RebuildRunner.this.metrics.progressed(this.applied + this.skipped, lag);
		}

		private void succeeded() {
			RebuildRunner.this.metrics.progressed(this.applied + this.skipped, 0);
			RebuildRunner.this.metrics.ended(RebuildState.SUCCEEDED);
			log.atInfo()
				.addKeyValue("rebuildId", id())
				.log("Rebuild {} switched: the rebuilt tables are live ({} records, {} skipped, {} s on this instance)",
						id(), this.applied, this.skipped, Duration.between(this.began, Instant.now()).toSeconds());
			RebuildRunner.this.events.publishEvent(new ProjectionRebuilt(id(), Instant.now()));
			RebuildRunner.this.replay.deleteGroup(this.rebuild.consumerGroup());
		}

		private void fenced() {
			Optional<Rebuild> now = RebuildRunner.this.rebuilds.find(id());
			if (now.isPresent() && now.get().state() == RebuildState.CANCELLED) {
				RebuildRunner.this.shadow.drop();
				RebuildRunner.this.replay.deleteGroup(this.rebuild.consumerGroup());
				RebuildRunner.this.metrics.ended(RebuildState.CANCELLED);
				log.atInfo()
					.addKeyValue("rebuildId", id())
					.log("Rebuild {} cancelled: shadow tables dropped, the live tables were never touched", id());
			}
			else {
				log.atWarn()
					.addKeyValue("rebuildId", id())
					.log("Rebuild {} is run by another instance now; this one stops working on it", id());
			}
		}

		private boolean await(BooleanSupplier condition, Duration timeout) {
			long deadline = System.nanoTime() + timeout.toNanos();
			while (!condition.getAsBoolean()) {
				if (System.nanoTime() > deadline || !isRunning()) {
					return false;
				}
				pause(Duration.ofMillis(20));
			}
			return true;
		}

	}

	private static long total(Map<Integer, Long> perPartition) {
		return perPartition.values().stream().mapToLong(Long::longValue).sum();
	}

}
