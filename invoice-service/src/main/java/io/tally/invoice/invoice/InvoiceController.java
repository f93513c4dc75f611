package io.tally.invoice.invoice;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tally.support.problem.ProblemResponse;
import io.tally.support.validation.FieldViolation;
import io.tally.support.validation.InvalidRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The invoice REST API of docs/api.md: maps JSON to the domain's requests and the answers
 * back; the rules live in {@link Invoice}.
 */
@RestController
@RequestMapping(path = "/api/invoices", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "invoices", description = "Create, read, change, pay and delete invoices; every change is one event")
class InvoiceController {

	private static final String ID = "the invoice's id (a UUID)";

	private static final String ETAG_HEADER = "the invoice's version, quoted: \"3\"";

	private static final String IF_MATCH = "change only if the invoice is at this version: \"3\" (also W/\"3\" or 3); "
			+ "* or absent: any version (a lost race is then a 409)";

	private static final String NOT_FOUND = "No invoice with this id";

	private static final String INVALID_ID = "The id is not a UUID";

	private static final String MALFORMED = "The body is missing, is not JSON or has trailing content";

	private static final String INVALID_BODY = "A field is invalid (every invalid field is listed in errors)";

	private static final String STALE = "If-Match names another version; nothing was changed";

	private static final String CONCURRENT = "Without If-Match, another request changed the invoice between read and "
			+ "write; nothing was changed: re-read and retry";

	static final int MAX_PAGE_SIZE = 200;

	private static final Pattern ETAG = Pattern.compile("^(?:W/)?\"?(\\d{1,18})\"?$");

	private final InvoiceService invoices;

	InvoiceController(InvoiceService invoices) {
		this.invoices = invoices;
	}

	@Operation(operationId = "createInvoice", summary = "Creates an invoice",
			description = "Defaults: currency USD, status PENDING, issueDate today (UTC); a PAID invoice without "
					+ "paidAt is paid now. With an Idempotency-Key, a repeat with the same key and body answers 201 "
					+ "with that invoice (as it is now) and Idempotent-Replayed: true, and writes nothing.")
	@ApiResponse(responseCode = "201", description = "Created (or replayed)",
			headers = {
					@Header(name = HttpHeaders.LOCATION, description = "/api/invoices/{id}",
							schema = @Schema(type = "string")),
					@Header(name = HttpHeaders.ETAG, description = ETAG_HEADER, schema = @Schema(type = "string")),
					@Header(name = "Idempotent-Replayed",
							description = "true when the Idempotency-Key was seen before and nothing was written",
							schema = @Schema(type = "boolean")) })
	@ProblemResponse(status = 400, type = "invalid-request", title = "Invalid request", field = "amountMinor",
			detail = "amountMinor: must be between 1 and 10000000000000",
			when = INVALID_BODY + ", or the Idempotency-Key is blank or longer than 255 characters")
	@ProblemResponse(status = 400, type = "malformed-body", title = "Malformed body",
			detail = "Request body is not valid JSON", when = MALFORMED)
	@ProblemResponse(status = 404, type = "not-found", title = "Invoice not found",
			detail = "Invoice 1124a3e7-83ee-4234-a166-dc769f2a2f22 does not exist",
			when = "The Idempotency-Key created an invoice that was deleted since; nothing is created")
	@ProblemResponse(status = 422, type = "idempotency-key-reused", title = "Idempotency-Key reused",
			detail = "This Idempotency-Key was already used with a different request body",
			when = "The Idempotency-Key was used before with a different body")
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<InvoiceResource> create(@RequestBody InvoiceDetails body, @Parameter(
			description = "1 to 255 characters; repeats of the request with the same key and body create nothing",
			schema = @Schema(type = "string", minLength = 1, maxLength = 255)) @RequestHeader(name = "Idempotency-Key",
					required = false) String idempotencyKey) {
		if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 255)) {
			throw new InvalidRequest("Idempotency-Key", "must be 1 to 255 characters");
		}
		InvoiceService.CreateResult result = this.invoices.create(body, idempotencyKey);
		Invoice invoice = result.invoice();
		return ResponseEntity.created(URI.create("/api/invoices/" + invoice.id()))
			.eTag(etag(invoice))
			.header("Idempotent-Replayed", String.valueOf(result.replayed()))
			.body(InvoiceResource.of(invoice));
	}

	@Operation(operationId = "getInvoice", summary = "One invoice")
	@ApiResponse(responseCode = "200", description = "The invoice",
			headers = @Header(name = HttpHeaders.ETAG, description = ETAG_HEADER, schema = @Schema(type = "string")))
	@ProblemResponse(status = 400, type = "invalid-request", title = "Invalid request", field = "id",
			detail = "id: must be a valid UUID", when = INVALID_ID)
	@ProblemResponse(status = 404, type = "not-found", title = "Invoice not found",
			detail = "Invoice 1124a3e7-83ee-4234-a166-dc769f2a2f22 does not exist", when = NOT_FOUND)
	@GetMapping("/{id}")
	ResponseEntity<InvoiceResource> get(@Parameter(description = ID) @PathVariable UUID id) {
		Invoice invoice = this.invoices.get(id);
		return ResponseEntity.ok().eTag(etag(invoice)).body(InvoiceResource.of(invoice));
	}

	@Operation(operationId = "listInvoices", summary = "Invoices, newest first, filtered and paged")
	@ProblemResponse(status = 400, type = "invalid-request", title = "Invalid request", field = "size",
			detail = "size: must be between 1 and 200",
			when = "A parameter is invalid: customerId not a UUID, an unknown status, page below 0, size outside 1 … 200")
	@GetMapping
	InvoiceResource.Page list(
			@Parameter(description = "only this customer's invoices") @RequestParam(required = false) UUID customerId,
			@Parameter(description = "only invoices in this status") @RequestParam(
					required = false) InvoiceStatus status,
			@Parameter(description = "page number, from 0") @RequestParam(defaultValue = "0") int page,
			@Parameter(description = "page size, 1 … 200") @RequestParam(defaultValue = "20") int size) {
		List<FieldViolation> errors = new ArrayList<>();
		if (page < 0) {
			errors.add(new FieldViolation("page", "must be 0 or more"));
		}
		if (size < 1 || size > MAX_PAGE_SIZE) {
			errors.add(new FieldViolation("size", "must be between 1 and " + MAX_PAGE_SIZE));
		}
		if (!errors.isEmpty()) {
			throw new InvalidRequest(errors);
		}
		return InvoiceResource.Page.of(this.invoices.list(customerId, status, page, size));
	}

	@Operation(operationId = "replaceInvoice", summary = "Replaces an invoice's content",
			description = "Every field but paidAt is required. Becoming or staying PAID without paidAt keeps the "
					+ "payment time it has, or takes now; PENDING clears paidAt. A body equal to the current content "
					+ "changes nothing (same version, no event).")
	@ApiResponse(responseCode = "200", description = "The invoice, at its new version",
			headers = @Header(name = HttpHeaders.ETAG, description = ETAG_HEADER, schema = @Schema(type = "string")))
	@ProblemResponse(status = 400, type = "invalid-request", title = "Invalid request", field = "currency",
			detail = "currency: is required", when = INVALID_BODY + ", the id is not a UUID, or If-Match is malformed")
	@ProblemResponse(status = 400, type = "malformed-body", title = "Malformed body",
			detail = "Request body is not valid JSON", when = MALFORMED)
	@ProblemResponse(status = 404, type = "not-found", title = "Invoice not found",
			detail = "Invoice 1124a3e7-83ee-4234-a166-dc769f2a2f22 does not exist", when = NOT_FOUND)
	@ProblemResponse(status = 409, type = "concurrent-change", title = "Changed concurrently",
			detail = "Invoice 1124a3e7-83ee-4234-a166-dc769f2a2f22 was changed concurrently; fetch it again and retry",
			when = CONCURRENT)
	@ProblemResponse(status = 412, type = "stale-version", title = "Version mismatch",
			detail = "Invoice 1124a3e7-83ee-4234-a166-dc769f2a2f22 is at version 4, not 3", when = STALE)
	@PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<InvoiceResource> replace(@Parameter(description = ID) @PathVariable UUID id,
			@RequestBody InvoiceDetails body,
			@Parameter(description = IF_MATCH) @RequestHeader(name = HttpHeaders.IF_MATCH,
					required = false) String ifMatch) {
		Invoice invoice = this.invoices.replace(id, body, expectedVersion(ifMatch));
		return ResponseEntity.ok().eTag(etag(invoice)).body(InvoiceResource.of(invoice));
	}

	@Operation(operationId = "payInvoice", summary = "Marks an invoice paid",
			description = "paidAt defaults to now. Paying an invoice that is already PAID changes nothing (same "
					+ "version, no event), whatever paidAt says.")
	@ApiResponse(responseCode = "200", description = "The invoice, paid",
			headers = @Header(name = HttpHeaders.ETAG, description = ETAG_HEADER, schema = @Schema(type = "string")))
	@ProblemResponse(status = 400, type = "invalid-request", title = "Invalid request", field = "paidAt",
			detail = "paidAt: must not be in the future",
			when = "paidAt is in the future or outside the date window, the id is not a UUID, or If-Match is malformed")
	@ProblemResponse(status = 400, type = "malformed-body", title = "Malformed body",
			detail = "Request body is not valid JSON", when = "The body is not JSON or has trailing content")
	@ProblemResponse(status = 404, type = "not-found", title = "Invoice not found",
			detail = "Invoice 1124a3e7-83ee-4234-a166-dc769f2a2f22 does not exist", when = NOT_FOUND)
	@ProblemResponse(status = 409, type = "concurrent-change", title = "Changed concurrently",
			detail = "Invoice 1124a3e7-83ee-4234-a166-dc769f2a2f22 was changed concurrently; fetch it again and retry",
			when = CONCURRENT)
	@ProblemResponse(status = 412, type = "stale-version", title = "Version mismatch",
			detail = "Invoice 1124a3e7-83ee-4234-a166-dc769f2a2f22 is at version 4, not 3", when = STALE)
	@PostMapping("/{id}/payment")
	ResponseEntity<InvoiceResource> pay(@Parameter(description = ID) @PathVariable UUID id,
			@RequestBody(required = false) Payment body,
			@Parameter(description = IF_MATCH) @RequestHeader(name = HttpHeaders.IF_MATCH,
					required = false) String ifMatch) {
		Invoice invoice = this.invoices.pay(id, (body != null) ? body.paidAt() : null, expectedVersion(ifMatch));
		return ResponseEntity.ok().eTag(etag(invoice)).body(InvoiceResource.of(invoice));
	}

	@Operation(operationId = "deleteInvoice", summary = "Deletes an invoice",
			description = "A second DELETE answers 404.")
	@ApiResponse(responseCode = "204", description = "Deleted")
	@ProblemResponse(status = 400, type = "invalid-request", title = "Invalid request", field = "If-Match",
			detail = "If-Match: must be a quoted invoice version, e.g. \"3\"",
			when = "The id is not a UUID, or If-Match is malformed")
	@ProblemResponse(status = 404, type = "not-found", title = "Invoice not found",
			detail = "Invoice 1124a3e7-83ee-4234-a166-dc769f2a2f22 does not exist", when = NOT_FOUND)
	@ProblemResponse(status = 409, type = "concurrent-change", title = "Changed concurrently",
			detail = "Invoice 1124a3e7-83ee-4234-a166-dc769f2a2f22 was changed concurrently; fetch it again and retry",
			when = CONCURRENT)
	@ProblemResponse(status = 412, type = "stale-version", title = "Version mismatch",
			detail = "Invoice 1124a3e7-83ee-4234-a166-dc769f2a2f22 is at version 4, not 3", when = STALE)
	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@Parameter(description = ID) @PathVariable UUID id,
			@Parameter(description = IF_MATCH) @RequestHeader(name = HttpHeaders.IF_MATCH,
					required = false) String ifMatch) {
		this.invoices.delete(id, expectedVersion(ifMatch));
		return ResponseEntity.noContent().build();
	}

	private static String etag(Invoice invoice) {
		return "\"" + invoice.version() + "\"";
	}

	/**
	 * {@code "3"} (or {@code W/"3"}, {@code 3}) → 3; {@code *} or absent → no
	 * precondition.
	 */
	private static Long expectedVersion(String ifMatch) {
		if (ifMatch == null || ifMatch.trim().equals("*")) {
			return null;
		}
		Matcher matcher = ETAG.matcher(ifMatch.trim());
		if (!matcher.matches()) {
			throw new InvalidRequest(HttpHeaders.IF_MATCH, "must be a quoted invoice version, e.g. \"3\"");
		}
		return Long.parseLong(matcher.group(1));
	}

	/** Optional body of {@code POST /api/invoices/{id}/payment}. */
	record Payment(Instant paidAt) {
	}

}
