package io.tally.revenue.deadletter;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The dead-letter index in the revenue database: one row per record of the dead-letter
 * topic, unique by its position, with the operators' last action.
 */
@Repository
public class DeadLetterIndex {

	private static final int MAX_MESSAGE_LENGTH = 4000;

	private static final String COLUMNS = """
			id, status, record_key, invoice_id, event_id, event_type, invoice_version, value_size, exception_class,
			exception_message, root_cause_class, root_cause_message, dlt_topic, dlt_partition, dlt_offset,
			dlt_timestamp, original_topic, original_partition, original_offset, original_timestamp, first_seen_at,
			redrive_count, redriven_to, action_by, action_at, action_reason""";

	// a null parameter matches everything; cause matches the failure or its root cause,
	// by fully qualified or simple class name
	private static final String FILTER = """
			(CAST(:status AS varchar) IS NULL OR status = :status)
			AND (CAST(:invoiceId AS uuid) IS NULL OR invoice_id = CAST(:invoiceId AS uuid))
			AND (CAST(:eventType AS varchar) IS NULL OR event_type = :eventType)
			AND (CAST(:cause AS text) IS NULL OR :cause IN (exception_class, root_cause_class,
				regexp_replace(exception_class, '^.*[.$]', ''), regexp_replace(root_cause_class, '^.*[.$]', '')))""";

	private final JdbcClient jdbc;

	DeadLetterIndex(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Adds a record of the dead-letter topic; a position already indexed (a redelivery)
	 * is left as it is.
	 * @return whether the record was new
	 */
	public boolean add(NewDeadLetter record) {
		RecordPosition original = record.original();
		return this.jdbc
			.sql("""
					INSERT INTO dead_letter (dlt_topic, dlt_partition, dlt_offset, dlt_timestamp, record_key, invoice_id,
						event_id, event_type, invoice_version, value_size, original_topic, original_partition, original_offset,
						original_timestamp, exception_class, exception_message, root_cause_class, root_cause_message)
					VALUES (:topic, :partition, :offset, :timestamp, :key, :invoiceId, :eventId, :eventType, :invoiceVersion,
						:valueSize, :originalTopic, :originalPartition, :originalOffset, :originalTimestamp, :exceptionClass,
						:exceptionMessage, :rootCauseClass, :rootCauseMessage)
					ON CONFLICT (dlt_topic, dlt_partition, dlt_offset) DO NOTHING""")
			.param("topic", record.position().topic())
			.param("partition", record.position().partition())
			.param("offset", record.position().offset())
			.param("timestamp", timestamp(record.timestamp()))
			.param("key", record.key())
			.param("invoiceId", record.invoiceId())
			.param("eventId", record.eventId())
			.param("eventType", record.eventType())
			.param("invoiceVersion", record.invoiceVersion())
			.param("valueSize", record.valueSize())
			.param("originalTopic", (original != null) ? original.topic() : null)
			.param("originalPartition", (original != null) ? original.partition() : null)
			.param("originalOffset", (original != null) ? original.offset() : null)
			.param("originalTimestamp", timestamp(record.originalTimestamp()))
			.param("exceptionClass", record.exceptionClass())
			.param("exceptionMessage", truncate(record.exceptionMessage()))
			.param("rootCauseClass", record.rootCauseClass())
			.param("rootCauseMessage", truncate(record.rootCauseMessage()))
			.update() == 1;
	}

	Optional<DeadLetter> find(long id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM dead_letter WHERE id = :id")
			.param("id", id)
			.query(DeadLetterIndex::deadLetter)
			.optional();
	}

	/** The entry, row-locked until the surrounding transaction ends. */
	Optional<DeadLetter> lock(long id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM dead_letter WHERE id = :id FOR UPDATE")
			.param("id", id)
			.query(DeadLetterIndex::deadLetter)
			.optional();
	}

	/** A page of the matching entries, newest first. */
	List<DeadLetter> page(DeadLetterFilter filter, int page, int size) {
		return filtered("SELECT " + COLUMNS + " FROM dead_letter WHERE " + FILTER
				+ " ORDER BY id DESC LIMIT :limit OFFSET :offset", filter)
			.param("limit", size)
			.param("offset", (long) page * size)
			.query(DeadLetterIndex::deadLetter)
			.list();
	}

	long count(DeadLetterFilter filter) {
		return filtered("SELECT count(*) FROM dead_letter WHERE " + FILTER, filter).query(Long.class).single();
	}

	/**
	 * Pending entries matching the filter with an id above {@code afterId}, oldest first.
	 */
	List<DeadLetter> pendingAfter(DeadLetterFilter filter, long afterId, int limit) {
		return filtered("SELECT " + COLUMNS + " FROM dead_letter WHERE " + FILTER
				+ " AND id > :afterId ORDER BY id LIMIT :limit", filter.withStatus(DeadLetterStatus.PENDING))
			.param("afterId", afterId)
			.param("limit", limit)
			.query(DeadLetterIndex::deadLetter)
			.list();
	}

	long countPendingAfter(DeadLetterFilter filter, long afterId) {
		return filtered("SELECT count(*) FROM dead_letter WHERE " + FILTER + " AND id > :afterId",
				filter.withStatus(DeadLetterStatus.PENDING))
			.param("afterId", afterId)
			.query(Long.class)
			.single();
	}

	/** Entries no operator has handled yet (the pending gauge). */
	long countPending() {
		return this.jdbc.sql("SELECT count(*) FROM dead_letter WHERE status = 'PENDING'").query(Long.class).single();
	}

	void redriven(long id, String by, Instant at, String reason, RecordPosition to) {
		this.jdbc.sql("""
				UPDATE dead_letter SET status = 'REDRIVEN', redrive_count = redrive_count + 1, redriven_to = :to,
					action_by = :by, action_at = :at, action_reason = :reason
				WHERE id = :id""")
			.param("id", id)
			.param("to", to.toString())
			.param("by", by)
			.param("at", timestamp(at))
			.param("reason", reason)
			.update();
	}

	void discarded(long id, String by, Instant at, String reason) {
		this.jdbc.sql("""
				UPDATE dead_letter SET status = 'DISCARDED', action_by = :by, action_at = :at, action_reason = :reason
				WHERE id = :id""")
			.param("id", id)
			.param("by", by)
			.param("at", timestamp(at))
			.param("reason", reason)
			.update();
	}

	private JdbcClient.StatementSpec filtered(String sql, DeadLetterFilter filter) {
		return this.jdbc.sql(sql)
			.param("status", (filter.status() != null) ? filter.status().name() : null)
			.param("invoiceId", (filter.invoiceId() != null) ? filter.invoiceId().toString() : null)
			.param("eventType", filter.eventType())
			.param("cause", filter.cause());
	}

	private static DeadLetter deadLetter(ResultSet rs, int row) throws SQLException {
		String actionBy = rs.getString("action_by");
		Instant actionAt = instant(rs, "action_at");
		return new DeadLetter(rs.getLong("id"), DeadLetterStatus.valueOf(rs.getString("status")),
				rs.getString("record_key"), rs.getObject("invoice_id", UUID.class), rs.getString("event_id"),
				rs.getString("event_type"), rs.getObject("invoice_version", Long.class),
				rs.getObject("value_size", Integer.class),
				new DeadLetter.Cause(rs.getString("exception_class"), rs.getString("exception_message"),
						rs.getString("root_cause_class"), rs.getString("root_cause_message")),
				new DeadLetter.Location(rs.getString("dlt_topic"), rs.getInt("dlt_partition"), rs.getLong("dlt_offset"),
						instant(rs, "dlt_timestamp")),
				new DeadLetter.Location(rs.getString("original_topic"),
						rs.getObject("original_partition", Integer.class), rs.getObject("original_offset", Long.class),
						instant(rs, "original_timestamp")),
				instant(rs, "first_seen_at"), rs.getInt("redrive_count"), rs.getString("redriven_to"),
				(actionAt != null) ? new DeadLetter.LastAction(actionBy, actionAt, rs.getString("action_reason"))
						: null);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	private static Timestamp timestamp(Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	private static String truncate(String message) {
		return (message != null && message.length() > MAX_MESSAGE_LENGTH) ? message.substring(0, MAX_MESSAGE_LENGTH)
				: message;
	}

}
