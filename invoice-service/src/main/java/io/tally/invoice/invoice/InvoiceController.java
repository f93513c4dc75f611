package io.tally.invoice.invoice;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
class InvoiceController {

	static final int MAX_PAGE_SIZE = 200;

	private static final Pattern ETAG = Pattern.compile("^(?:W/)?\"?(\\d{1,18})\"?$");

	private final InvoiceService invoices;

	InvoiceController(InvoiceService invoices) {
		this.invoices = invoices;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<InvoiceResource> create(@RequestBody InvoiceDetails body,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
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

	@GetMapping("/{id}")
	ResponseEntity<InvoiceResource> get(@PathVariable UUID id) {
		Invoice invoice = this.invoices.get(id);
		return ResponseEntity.ok().eTag(etag(invoice)).body(InvoiceResource.of(invoice));
	}

	@GetMapping
	InvoiceResource.Page list(@RequestParam(required = false) UUID customerId,
			@RequestParam(required = false) InvoiceStatus status, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
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

	@PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<InvoiceResource> replace(@PathVariable UUID id, @RequestBody InvoiceDetails body,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		Invoice invoice = this.invoices.replace(id, body, expectedVersion(ifMatch));
		return ResponseEntity.ok().eTag(etag(invoice)).body(InvoiceResource.of(invoice));
	}

	@PostMapping("/{id}/payment")
	ResponseEntity<InvoiceResource> pay(@PathVariable UUID id, @RequestBody(required = false) Payment body,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		Invoice invoice = this.invoices.pay(id, (body != null) ? body.paidAt() : null, expectedVersion(ifMatch));
		return ResponseEntity.ok().eTag(etag(invoice)).body(InvoiceResource.of(invoice));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable UUID id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
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
