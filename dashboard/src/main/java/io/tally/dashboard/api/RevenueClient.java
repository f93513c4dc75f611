package io.tally.dashboard.api;

import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * revenue-service's read API as the signed-in user. A non-empty {@code after} asks the
 * service to wait until the projection includes the user's recent changes
 * ({@code Tally-After}); a read afresh asks it not to answer with the figures it keeps
 * for every dashboard ({@code Cache-Control: no-cache}).
 */
@Component
public class RevenueClient {

	static final String AFTER = "Tally-After";

	static final String CONSISTENCY = "Tally-Consistency";

	static final String WATERMARK = "Tally-Projection-Watermark";

	private static final ParameterizedTypeReference<List<MonthFigures>> MONTHS = new ParameterizedTypeReference<>() {
	};

	private final RestClient http;

	RevenueClient(@Qualifier("revenue") RestClient http) {
		this.http = http;
	}

	/** Figures per month in {@code [from, to]} for one currency, zeros included. */
	public Reading<List<MonthFigures>> monthly(YearMonth from, YearMonth to, String currency, String after) {
		return monthly(from, to, currency, after, false);
	}

	/**
	 * The same, read from revenue-service's database now: after a gap in the stream or a
	 * {@code refresh}, the instance answering may not have heard yet of what this
	 * dashboard heard from another, and would give the answer it kept from before.
	 */
	public Reading<List<MonthFigures>> monthlyAfresh(YearMonth from, YearMonth to, String currency) {
		return monthly(from, to, currency, null, true);
	}

	/** Totals per currency. */
	public Reading<RevenueSummary> summary(String after) {
		return summary(after, false);
	}

	/** The same, read afresh ({@link #monthlyAfresh}). */
	public Reading<RevenueSummary> summaryAfresh() {
		return summary(null, true);
	}

	private Reading<List<MonthFigures>> monthly(YearMonth from, YearMonth to, String currency, String after,
			boolean afresh) {
		ResponseEntity<List<MonthFigures>> response = this.http.get()
			.uri((uri) -> uri.path("/api/revenue/monthly")
				.queryParam("from", from)
				.queryParam("to", to)
				.queryParam("currency", currency)
				.build())
			.headers((headers) -> ask(headers, after, afresh))
			.retrieve()
			.toEntity(MONTHS);
		return reading(response, after);
	}

	private Reading<RevenueSummary> summary(String after, boolean afresh) {
		ResponseEntity<RevenueSummary> response = this.http.get()
			.uri("/api/revenue/summary")
			.headers((headers) -> ask(headers, after, afresh))
			.retrieve()
			.toEntity(RevenueSummary.class);
		return reading(response, after);
	}

	/**
	 * One customer's totals per currency; empty for a customer revenue-service never saw.
	 */
	public Optional<List<CustomerTotals>> customer(UUID customerId) {
		try {
			CustomerRevenue revenue = this.http.get()
				.uri("/api/revenue/customers/{id}", customerId)
				.retrieve()
				.body(CustomerRevenue.class);
			return Optional.ofNullable(revenue)
				.map((found) -> found.totals()
					.stream()
					.map((totals) -> new CustomerTotals(found.customerId(), totals.currency(), totals.invoicedMinor(),
							totals.collectedMinor(), totals.pendingMinor(), totals.invoiceCount()))
					.toList());
		}
		catch (ApiProblemException ex) {
			if (ex.status() == 404) {
				return Optional.empty();
			}
			throw ex;
		}
	}

	private static void ask(HttpHeaders headers, String after, boolean afresh) {
		if (after != null && !after.isBlank()) {
			headers.set(AFTER, after);
		}
		if (afresh) {
			headers.setCacheControl(CacheControl.noCache());
		}
	}

	private static <T> Reading<T> reading(ResponseEntity<T> response, String after) {
		boolean asked = after != null && !after.isBlank();
		return new Reading<>(response.getBody(), watermark(response.getHeaders().getFirst(WATERMARK)),
				Reading.Consistency.of(response.getHeaders().getFirst(CONSISTENCY), asked));
	}

	private static Instant watermark(String header) {
		if (header == null) {
			return null;
		}
		try {
			return Instant.parse(header.trim());
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/** The JSON of {@code GET /api/revenue/customers/{id}}. */
	record CustomerRevenue(UUID customerId, List<CurrencyTotals> totals) {
	}

}
