package io.tally.invoice.reconciliation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tally.invoice.invoice.InvoiceRepublisher;
import io.tally.support.problem.ProblemResponse;
import io.tally.support.validation.FieldViolation;
import io.tally.support.validation.InvalidRequest;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operator endpoints for reconciling consumers with the invoices: a cheap paged digest of
 * every invoice's id and version (deleted ones included), and re-publication of invoices
 * a consumer is found to have missed.
 */
@RestController
@RequestMapping(path = "/api/ops/reconciliation", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "operations")
class ReconciliationController {

	static final int DEFAULT_PAGE_SIZE = 500;

	static final int MAX_PAGE_SIZE = 1000;

	static final int MAX_IDS = 100;

	private final InvoiceDigest digest;

	private final InvoiceRepublisher republisher;

	ReconciliationController(InvoiceDigest digest, InvoiceRepublisher republisher) {
		this.digest = digest;
		this.republisher = republisher;
	}

	@Operation(operationId = "reconciliationDigest",
			summary = "Every invoice's id and current version in id order, deleted ones flagged",
			description = "Pages by id: pass the previous page's `next` as `after`; `next` is null on the last page. "
					+ "With `ids` (at most 100) it answers those invoices only.")
	@ProblemResponse(status = 400, type = "invalid-request", title = "Invalid request", field = "size",
			detail = "size: must be between 1 and 1000",
			when = "size is outside 1 … 1000, after or an id is not a UUID, ids lists more than 100 invoices or is "
					+ "combined with after or size")
	@GetMapping("/digest")
	DigestPage digest(
			@Parameter(description = "the last id of the previous page") @RequestParam(required = false) UUID after,
			@Parameter(description = "entries per page, 1 … 1000 (default 500)") @RequestParam(
					required = false) Integer size,
			@Parameter(description = "look up these invoices instead of paging") @RequestParam(
					required = false) List<UUID> ids) {
		if (ids != null) {
			if (after != null || size != null) {
				throw new InvalidRequest("ids", "cannot be combined with after or size");
			}
			if (ids.isEmpty() || ids.size() > MAX_IDS) {
				throw new InvalidRequest("ids", "must list 1 to " + MAX_IDS + " invoice ids");
			}
			return new DigestPage(this.digest.lookup(new LinkedHashSet<>(ids)), null);
		}
		int pageSize = (size != null) ? size : DEFAULT_PAGE_SIZE;
		if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
			throw new InvalidRequest("size", "must be between 1 and " + MAX_PAGE_SIZE);
		}
		List<InvoiceDigest.Entry> entries = this.digest.page(after, pageSize);
		UUID next = (entries.size() == pageSize) ? entries.get(entries.size() - 1).invoiceId() : null;
		return new DigestPage(entries, next);
	}

	@Operation(operationId = "republishInvoices",
			summary = "Publishes the current state of the given invoices again (at most 100)",
			description = "A new event with the invoice's current version: InvoiceDeleted for a deleted invoice, "
					+ "InvoiceUpdated otherwise. Consumers that hold that version already skip it.")
	@ProblemResponse(status = 400, type = "invalid-request", title = "Invalid request", field = "invoiceIds",
			detail = "invoiceIds: must list 1 to 100 invoice ids",
			when = "invoiceIds is missing, empty, longer than 100, holds null or something that is not a UUID")
	@ProblemResponse(status = 400, type = "malformed-body", title = "Malformed body",
			detail = "Request body is not valid JSON",
			when = "The body is missing, is not JSON or has trailing content")
	@PostMapping(path = "/republish", consumes = MediaType.APPLICATION_JSON_VALUE)
	RepublishResult republish(@RequestBody RepublishRequest request) {
		List<UUID> ids = (request.invoiceIds() != null) ? request.invoiceIds() : List.of();
		List<FieldViolation> errors = new ArrayList<>();
		if (ids.isEmpty() || ids.size() > MAX_IDS) {
			errors.add(new FieldViolation("invoiceIds", "must list 1 to " + MAX_IDS + " invoice ids"));
		}
		if (ids.stream().anyMatch(Objects::isNull)) {
			errors.add(new FieldViolation("invoiceIds", "must not contain null"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidRequest(errors);
		}
		List<InvoiceRepublisher.Republished> republished = new ArrayList<>();
		List<UUID> notFound = new ArrayList<>();
		for (UUID id : new LinkedHashSet<>(ids)) {
			this.republisher.republish(id).ifPresentOrElse(republished::add, () -> notFound.add(id));
		}
		return new RepublishResult(republished, notFound);
	}

	/**
	 * A page of the digest.
	 *
	 * @param invoices the entries, in id order
	 * @param next the {@code after} of the next page, or null after the last one
	 */
	record DigestPage(List<InvoiceDigest.Entry> invoices, UUID next) {
	}

	/**
	 * Invoices to publish again.
	 *
	 * @param invoiceIds their ids, 1 … 100
	 */
	record RepublishRequest(List<UUID> invoiceIds) {
	}

	/**
	 * What was published again.
	 *
	 * @param republished one entry per invoice published again
	 * @param notFound ids of which no invoice (nor tombstone) exists
	 */
	record RepublishResult(List<InvoiceRepublisher.Republished> republished, List<UUID> notFound) {
	}

}
