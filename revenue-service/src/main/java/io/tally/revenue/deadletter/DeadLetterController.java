package io.tally.revenue.deadletter;

import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tally.support.problem.ProblemResponse;
import io.tally.support.validation.InvalidRequest;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The operators' dead-letter console (docs/api.md, "Dead letters"). */
@RestController
@RequestMapping("/api/ops/dead-letters")
@Tag(name = "dead letters", description = "Records the projection could not apply: list, inspect, re-drive, discard")
class DeadLetterController {

	private static final String NOT_FOUND_DETAIL = "No dead letter with id 42";

	private static final String NOT_FOUND = "No dead letter has this id";

	private static final String HANDLED_DETAIL = "Dead letter 42 is already REDRIVEN (at 2026-12-02T09:40:11.907Z); "
			+ "repeat with force=true to do it anyway";

	private static final String HANDLED = "The entry is already REDRIVEN or DISCARDED and force is not true";

	private static final String REASON = "The reason is longer than 500 characters";

	private static final String MALFORMED = "The body is not JSON (Spring MVC's own refusal)";

	private static final String TOPIC_DETAIL = "Kafka did not answer in time; nothing was marked, retry later";

	private static final int MAX_REASON_LENGTH = 500;

	private final DeadLetterOperations operations;

	private final DeadLetterRecords records;

	private final DeadLetterProperties properties;

	DeadLetterController(DeadLetterOperations operations, DeadLetterRecords records, DeadLetterProperties properties) {
		this.operations = operations;
		this.records = records;
		this.properties = properties;
	}

	@Operation(operationId = "listDeadLetters", summary = "Dead letters, newest first, filtered and paged")
	@ProblemResponse(status = 400, type = "invalid-parameter", title = "Invalid request parameter", field = "size",
			detail = "size must be between 1 and 100, was 500",
			when = "A filter, page or size is malformed or out of range")
	@GetMapping
	DeadLetterPage list(
			@Parameter(description = "PENDING, REDRIVEN or DISCARDED") @RequestParam(required = false) String status,
			@Parameter(description = "failure class or its cause's, fully qualified or simple name, "
					+ "e.g. InvalidEvent") @RequestParam(required = false) String cause,
			@Parameter(description = "the invoice", schema = @Schema(type = "string", format = "uuid")) @RequestParam(
					required = false) String invoiceId,
			@Parameter(description = "event record name, e.g. InvoicePaid") @RequestParam(required = false) String type,
			@Parameter(description = "page number, from 0",
					schema = @Schema(type = "integer", minimum = "0", defaultValue = "0")) @RequestParam(
							defaultValue = "0") String page,
			@Parameter(description = "page size, 1 to tally.dead-letters.max-page-size (100)",
					schema = @Schema(type = "integer", minimum = "1", defaultValue = "20")) @RequestParam(
							defaultValue = "20") String size) {
		return this.operations.list(filter(status, cause, invoiceId, type),
				(int) integer("page", page, 0, Integer.MAX_VALUE),
				(int) integer("size", size, 1, this.properties.maxPageSize()));
	}

	@ProblemResponse(status = 400, type = "invalid-parameter", title = "Invalid request parameter", field = "id",
			detail = "id must be a long, was 'abc'", when = "The id is not a whole number")
	@ProblemResponse(status = 404, type = "dead-letter-not-found", title = "Dead letter not found",
			detail = NOT_FOUND_DETAIL, when = NOT_FOUND)
	@ProblemResponse(status = 503, type = "unavailable", title = "Service unavailable", detail = TOPIC_DETAIL,
			when = "Kafka did not answer within tally.dead-letters.read-timeout")
	@Operation(operationId = "getDeadLetter",
			summary = "One dead letter with its headers and its event decoded, or a hex preview of its bytes")
	@GetMapping("/{id}")
	DeadLetterDetail detail(@PathVariable long id) {
		return this.operations.detail(id);
	}

	@ProblemResponse(status = 400, type = "invalid-parameter", title = "Invalid request parameter", field = "id",
			detail = "id must be a long, was 'abc'", when = "The id is not a whole number")
	@ProblemResponse(status = 400, type = "invalid-request", title = "Invalid request", field = "reason",
			detail = "reason: must be at most 500 characters", when = REASON)
	@ProblemResponse(status = 400, type = "bad-request", title = "Bad Request", detail = "Failed to read request",
			when = MALFORMED)
	@ProblemResponse(status = 404, type = "dead-letter-not-found", title = "Dead letter not found",
			detail = NOT_FOUND_DETAIL, when = NOT_FOUND)
	@ProblemResponse(status = 409, type = "dead-letter-already-handled", title = "Dead letter already handled",
			detail = HANDLED_DETAIL, when = HANDLED)
	@ProblemResponse(status = 409, type = "dead-letter-not-redrivable", title = "Dead letter cannot be re-driven",
			detail = "Dead letter 42 cannot be re-driven: it has no value",
			when = "The record has no value: on the compacted topic it would delete the invoice's history")
	@ProblemResponse(status = 410, type = "dead-letter-gone", title = "Dead letter no longer on the topic",
			detail = "Dead letter 42 is no longer on the topic (invoice-events-dlt-3@17 was deleted by retention); "
					+ "discard it",
			when = "The topic no longer holds the record (retention)")
	@ProblemResponse(status = 503, type = "unavailable", title = "Service unavailable", detail = TOPIC_DETAIL,
			when = "Kafka did not acknowledge in time (a re-drive may still land; repeating it is harmless)")
	@Operation(operationId = "redriveDeadLetter", summary = "Send one dead letter back to the event topic",
			description = "The original key and value bytes and headers (without the dead-letter ones) go to the "
					+ "event topic; 409 when it was already re-driven or discarded, unless force=true.")
	@PostMapping("/{id}/redrive")
	DeadLetter redrive(@PathVariable long id, @Parameter(
			description = "re-drive even when already handled") @RequestParam(defaultValue = "false") boolean force,
			@RequestBody(required = false) ActionRequest request) {
		return this.operations.redrive(id, force, optionalReason(request));
	}

	@ProblemResponse(status = 400, type = "invalid-parameter", title = "Invalid request parameter", field = "status",
			detail = "a bulk re-drive takes only PENDING records; re-drive handled ones one by one with force=true",
			when = "A filter, afterId or limit is malformed or out of range, or status is not PENDING")
	@ProblemResponse(status = 400, type = "invalid-request", title = "Invalid request", field = "reason",
			detail = "reason: must be at most 500 characters", when = REASON)
	@ProblemResponse(status = 400, type = "bad-request", title = "Bad Request", detail = "Failed to read request",
			when = MALFORMED)
	@ProblemResponse(status = 503, type = "unavailable", title = "Service unavailable", detail = TOPIC_DETAIL,
			when = "Kafka did not acknowledge in time")
	@Operation(operationId = "redriveDeadLetters",
			summary = "Send pending dead letters matching the filters back to the event topic",
			description = "Oldest first, at most limit (tally.dead-letters.max-redrives-per-call, 100) per call; "
					+ "call again with afterId=nextAfterId while remaining > 0.")
	@PostMapping("/redrive")
	BulkRedrive redriveMatching(@Parameter(
			description = "PENDING (the default); handled ones are re-driven one by one with force") @RequestParam(
					required = false) String status,
			@RequestParam(required = false) String cause, @RequestParam(required = false) String invoiceId,
			@RequestParam(required = false) String type,
			@Parameter(description = "only ids above this one",
					schema = @Schema(type = "integer", minimum = "0", defaultValue = "0")) @RequestParam(
							defaultValue = "0") String afterId,
			@Parameter(description = "the most records to re-drive in this call (at most 100)",
					schema = @Schema(type = "integer", minimum = "1")) @RequestParam(required = false) String limit,
			@RequestBody(required = false) ActionRequest request) {
		DeadLetterFilter filter = filter(status, cause, invoiceId, type);
		if (filter.status() != null && filter.status() != DeadLetterStatus.PENDING) {
			throw new InvalidDeadLetterQuery("status",
					"a bulk re-drive takes only PENDING records; re-drive handled ones one by one with force=true");
		}
		int max = this.properties.maxRedrivesPerCall();
		return this.operations.redrive(filter, integer("afterId", afterId, 0, Long.MAX_VALUE),
				(limit != null) ? (int) integer("limit", limit, 1, max) : max, optionalReason(request));
	}

	@ProblemResponse(status = 400, type = "invalid-parameter", title = "Invalid request parameter", field = "id",
			detail = "id must be a long, was 'abc'", when = "The id is not a whole number")
	@ProblemResponse(status = 400, type = "invalid-request", title = "Invalid request", field = "reason",
			detail = "reason: is required: say why the record needs no re-drive",
			when = "The reason is missing, blank or longer than 500 characters")
	@ProblemResponse(status = 400, type = "bad-request", title = "Bad Request", detail = "Failed to read request",
			when = MALFORMED)
	@ProblemResponse(status = 404, type = "dead-letter-not-found", title = "Dead letter not found",
			detail = NOT_FOUND_DETAIL, when = NOT_FOUND)
	@ProblemResponse(status = 409, type = "dead-letter-already-handled", title = "Dead letter already handled",
			detail = HANDLED_DETAIL, when = HANDLED)
	@Operation(operationId = "discardDeadLetter",
			summary = "Mark a dead letter handled without re-driving it; a reason is required",
			description = "409 when it was already re-driven or discarded, unless force=true.")
	@PostMapping("/{id}/discard")
	DeadLetter discard(@PathVariable long id, @Parameter(
			description = "discard even when already handled") @RequestParam(defaultValue = "false") boolean force,
			@RequestBody(required = false) ActionRequest request) {
		String reason = optionalReason(request);
		if (reason == null) {
			throw new InvalidRequest("reason", "is required: say why the record needs no re-drive");
		}
		return this.operations.discard(id, force, reason);
	}

	private DeadLetterFilter filter(String status, String cause, String invoiceId, String type) {
		return new DeadLetterFilter(status(status), cause(cause), uuid(invoiceId), eventType(type));
	}

	private static DeadLetterStatus status(String value) {
		if (value == null) {
			return null;
		}
		try {
			return DeadLetterStatus.valueOf(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidDeadLetterQuery("status",
					"status must be PENDING, REDRIVEN or DISCARDED, was '" + value + "'");
		}
	}

	private static String cause(String value) {
		if (value != null && !value.matches("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*")) {
			throw new InvalidDeadLetterQuery("cause", "cause must be a Java class name, was '" + value + "'");
		}
		return value;
	}

	private static UUID uuid(String value) {
		if (value == null) {
			return null;
		}
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidDeadLetterQuery("invoiceId", "invoiceId must be a UUID, was '" + value + "'");
		}
	}

	private String eventType(String value) {
		Set<String> known = this.records.eventTypes();
		if (value != null && !known.contains(value)) {
			throw new InvalidDeadLetterQuery("type",
					"type must be one of " + known.stream().sorted().toList() + ", was '" + value + "'");
		}
		return value;
	}

	private static long integer(String field, String value, long min, long max) {
		long parsed;
		try {
			parsed = Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw new InvalidDeadLetterQuery(field, field + " must be a whole number, was '" + value + "'");
		}
		if (parsed < min || parsed > max) {
			throw new InvalidDeadLetterQuery(field,
					field + " must be between " + min + " and " + max + ", was " + parsed);
		}
		return parsed;
	}

	private static String optionalReason(ActionRequest request) {
		if (request == null || request.reason() == null || request.reason().isBlank()) {
			return null;
		}
		if (request.reason().length() > MAX_REASON_LENGTH) {
			throw new InvalidRequest("reason", "must be at most " + MAX_REASON_LENGTH + " characters");
		}
		return request.reason().strip();
	}

	/**
	 * The body of an action.
	 *
	 * @param reason why the operator acts (required to discard, optional to re-drive)
	 */
	record ActionRequest(String reason) {
	}

}
