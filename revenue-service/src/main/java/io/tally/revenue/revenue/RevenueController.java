package io.tally.revenue.revenue;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tally.revenue.freshness.ChangeRef;
import io.tally.revenue.freshness.FreshnessProperties;
import io.tally.support.problem.ProblemResponse;
import io.tally.support.validation.Money;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The revenue read API for dashboards (docs/api.md). */
@RestController
@RequestMapping("/api/revenue")
@Tag(name = "revenue", description = "Revenue figures per month, customer and currency (revenue rules: docs/api.md)")
class RevenueController {

	private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

	private static final String NO_CACHE = "no-cache (or max-age=0): figures read from the database now, not the "
			+ "answer this instance keeps until it hears of the next projection commit; for a re-read after a "
			+ "`refresh` heard from another instance";

	/** The summary's key among the {@link SharedAnswers}. */
	private static final String SUMMARY_KEY = "summary";

	private final RevenueReadModel readModel;

	private final SharedAnswers shared;

	private final RevenueStream stream;

	private final FreshnessProperties freshness;

	RevenueController(RevenueReadModel readModel, SharedAnswers shared, RevenueStream stream,
			FreshnessProperties freshness) {
		this.readModel = readModel;
		this.shared = shared;
		this.stream = stream;
		this.freshness = freshness;
	}

	@Operation(operationId = "monthlyRevenue", summary = "Revenue per month and currency, zeros included",
			description = "Default range: the last 12 months; at most 120 months.")
	@ProblemResponse(status = 400, type = "invalid-parameter", title = "Invalid request parameter", field = "from",
			detail = "from (2026-12) is after to (2026-01)",
			when = "from or to is not a month YYYY-MM, from is after to, the range is longer than 120 months, or "
					+ "currency is not a known ISO 4217 code")
	@GetMapping("/monthly")
	List<MonthlyRevenue> monthly(
			@Parameter(description = "first month, YYYY-MM") @RequestParam(required = false) String from,
			@Parameter(description = "last month, YYYY-MM") @RequestParam(required = false) String to,
			@Parameter(description = "ISO 4217 code; all currencies with data when absent") @RequestParam(
					required = false) String currency,
			@Parameter(hidden = true) @RequestHeader(name = ChangeRef.HEADER, required = false) String waitedFor,
			@Parameter(description = NO_CACHE, example = "no-cache") @RequestHeader(name = HttpHeaders.CACHE_CONTROL,
					required = false) String cacheControl) {
		MonthRange range = MonthRange.parse(from, to, YearMonth.now(ZoneOffset.UTC));
		Optional<String> code = Optional.ofNullable(currency).map(RevenueController::currency);
		return this.shared.answer(new MonthlyKey(range, code), SharedAnswers.mustRead(waitedFor, cacheControl),
				() -> this.readModel.monthly(range, code));
	}

	@Operation(operationId = "customerRevenue", summary = "Revenue of one customer per currency",
			description = "A customer whose invoices were all deleted or moved is still known: empty totals.")
	@ProblemResponse(status = 400, type = "invalid-parameter", title = "Invalid request parameter",
			field = "customerId", detail = "customerId must be a UUID, was 'abc'", when = "customerId is not a UUID")
	@ProblemResponse(status = 404, type = "customer-not-found", title = "Customer not found",
			detail = "No revenue known for customer 6f1c2b9e-2d7a-4c1e-9a51-0b7f3c2d1e00",
			when = "No event ever named this customer")
	@GetMapping("/customers/{customerId}")
	CustomerRevenue customer(@Parameter(description = "the customer (a UUID)") @PathVariable UUID customerId) {
		return this.readModel.customer(customerId).orElseThrow(() -> new CustomerNotFound(customerId));
	}

	@Operation(operationId = "revenueSummary",
			summary = "Totals per currency, number of customers and time of the newest applied event")
	@GetMapping("/summary")
	RevenueSummary summary(
			@Parameter(hidden = true) @RequestHeader(name = ChangeRef.HEADER, required = false) String waitedFor,
			@Parameter(description = NO_CACHE, example = "no-cache") @RequestHeader(name = HttpHeaders.CACHE_CONTROL,
					required = false) String cacheControl) {
		return this.shared.answer(SUMMARY_KEY, SharedAnswers.mustRead(waitedFor, cacheControl),
				this.readModel::summary);
	}

	@Operation(operationId = "revenueStream", summary = "Live stream of revenue changes (Server-Sent Events)",
			description = "After every projection commit that moved figures: event `revenue-changed` with the new "
					+ "figures of the changed months, customers and currency totals; `refresh: true` means anything "
					+ "may have changed. First event `ready`; comment lines keep the connection open.")
	@ApiResponse(responseCode = "200",
			description = "A stream of events `ready` and `revenue-changed` (data: JSON), and `: keep-alive` comments",
			content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string",
					example = "event: revenue-changed\nid: 42\ndata: {\"watermark\":\"2026-12-01T23:14:39.220Z\","
							+ "\"months\":[],\"customers\":[],\"totals\":[],\"refresh\":false}\n\n")))
	@ProblemResponse(status = 503, type = "stream-full", title = "Too many stream subscribers",
			detail = "This instance already streams to 200 subscribers; retry later or on another instance",
			when = "This instance already streams to its maximum of subscribers (tally.freshness.stream.max-clients)")
	@GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter stream() {
		return this.stream.subscribe().orElseThrow(() -> new StreamFull(this.freshness.stream().maxClients()));
	}

	/** A monthly answer's key among the {@link SharedAnswers}. */
	private record MonthlyKey(MonthRange range, Optional<String> currency) {
	}

	private static String currency(String code) {
		if (!CURRENCY.matcher(code).matches()) {
			throw new InvalidRevenueQuery("currency", "currency must be an ISO 4217 code like USD, was '" + code + "'");
		}
		if (!Money.isKnownCurrency(code)) {
			throw new InvalidRevenueQuery("currency", "unknown currency '" + code + "'");
		}
		return code;
	}

}
