package io.tally.dashboard.invoices;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.tally.dashboard.api.ApiProblemException;
import io.tally.dashboard.api.Invoice;
import io.tally.dashboard.api.InvoiceClient;
import io.tally.dashboard.api.InvoiceDraft;
import io.tally.dashboard.api.InvoicePage;
import io.tally.dashboard.api.InvoiceStatus;
import io.tally.dashboard.web.AmountInput;
import io.tally.dashboard.web.Formats;
import io.tally.dashboard.writes.RecentWrites;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The invoices: a paged, filterable list; create and edit forms whose errors come from
 * invoice-service's problems; mark as paid and delete (after a confirmation page), each
 * sent with the version the user saw so that a change made meanwhile is reported, not
 * overwritten. Every change is remembered for read-your-writes on the next revenue page.
 */
@Controller
class InvoicesController {

	static final int PAGE_SIZE = 20;

	/** The create form's currency choices; any other ISO code can be typed on edit. */
	static final List<String> CURRENCIES = List.of("EUR", "USD", "GBP", "CHF", "JPY", "SEK", "AED");

	private final InvoiceClient invoices;

	private final RecentWrites writes;

	private final MessageSource messages;

	private final Clock clock;

	InvoicesController(InvoiceClient invoices, RecentWrites writes, MessageSource messages, Clock clock) {
		this.invoices = invoices;
		this.writes = writes;
		this.messages = messages;
		this.clock = clock;
	}

	@ModelAttribute("currencyChoices")
	List<String> currencyChoices() {
		return CURRENCIES;
	}

	@GetMapping("/invoices")
	String list(@RequestParam(required = false) String customerId, @RequestParam(required = false) String status,
			@RequestParam(defaultValue = "0") String page, Model model) {
		UUID customer = uuid(customerId).orElse(null);
		InvoiceStatus wanted = status(status).orElse(null);
		int number = Math.max(0, parseInt(page));
		FormErrors filterErrors = new FormErrors();
		if (customerId != null && !customerId.isBlank() && customer == null) {
			filterErrors.field("customerId", message("invoice.error.customerId"));
		}
		InvoicePage invoicesPage = this.invoices.list(customer, wanted, number, PAGE_SIZE);
		model.addAttribute("page", invoicesPage);
		model.addAttribute("customerFilter", (customerId != null) ? customerId : "");
		model.addAttribute("statusFilter", (wanted != null) ? wanted.name() : "");
		model.addAttribute("filterErrors", filterErrors);
		model.addAttribute("returnTo", listUrl(customer, wanted, number));
		return "invoices";
	}

	@GetMapping("/invoices/new")
	String createForm(@RequestParam(required = false) String customerId, Model model) {
		return form(model, InvoiceForm.blank(today(), customerId, null), null, new FormErrors());
	}

	@PostMapping("/invoices")
	String create(@ModelAttribute InvoiceForm form, Locale locale, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		FormErrors errors = new FormErrors();
		InvoiceDraft draft = draft(form, locale, errors, true);
		if (errors.any()) {
			return invalid(model, form, null, errors, response);
		}
		try {
			Invoice created = this.invoices.create(draft, form.idempotencyKey());
			this.writes.record(created.id(), created.version());
			redirect.addFlashAttribute("notice", Notice.success("invoice.created",
					Formats.of(locale).money(created.amountMinor(), created.currency())));
			return "redirect:/invoices";
		}
		catch (ApiProblemException ex) {
			if (ex.status() != 400 && ex.status() != 422) {
				throw ex;
			}
			return invalid(model, form, null, ProblemFields.of(ex.problem(), this.messages, locale), response);
		}
	}

	@GetMapping("/invoices/{id}/edit")
	String editForm(@PathVariable UUID id, Locale locale, Model model) {
		Invoice invoice = this.invoices.get(id);
		return form(model, InvoiceForm.of(invoice, Formats.of(locale)), id, new FormErrors());
	}

	@PostMapping("/invoices/{id}")
	String update(@PathVariable UUID id, @ModelAttribute InvoiceForm form, Locale locale, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		FormErrors errors = new FormErrors();
		InvoiceDraft draft = draft(form, locale, errors, false);
		if (form.version() == null) {
			errors.global(message("invoice.error.rejected"));
		}
		if (errors.any()) {
			return invalid(model, form, id, errors, response);
		}
		try {
			Invoice updated = this.invoices.replace(id, draft, form.version());
			this.writes.record(updated.id(), updated.version());
			redirect.addFlashAttribute("notice", Notice.success("invoice.updated",
					Formats.of(locale).money(updated.amountMinor(), updated.currency())));
			return "redirect:/invoices";
		}
		catch (ApiProblemException ex) {
			if (ex.status() == 412) {
				FormErrors conflict = new FormErrors();
				conflict.global(message("invoice.error.conflict"));
				model.addAttribute("conflict", true);
				response.setStatus(HttpStatus.PRECONDITION_FAILED.value());
				return form(model, form, id, conflict);
			}
			if (ex.status() != 400 && ex.status() != 422) {
				throw ex;
			}
			return invalid(model, form, id, ProblemFields.of(ex.problem(), this.messages, locale), response);
		}
	}

	@PostMapping("/invoices/{id}/payment")
	String pay(@PathVariable UUID id, @RequestParam long version, @RequestParam(required = false) String returnTo,
			RedirectAttributes redirect) {
		try {
			Invoice paid = this.invoices.pay(id, version);
			this.writes.record(paid.id(), paid.version());
			redirect.addFlashAttribute("notice", Notice.success("invoice.paid", shortId(id)));
		}
		catch (ApiProblemException ex) {
			redirect.addFlashAttribute("notice", failure(ex, id));
		}
		return "redirect:" + safeReturn(returnTo);
	}

	@GetMapping("/invoices/{id}/delete")
	String confirmDelete(@PathVariable UUID id, @RequestParam(required = false) String returnTo, Model model) {
		model.addAttribute("invoice", this.invoices.get(id));
		model.addAttribute("returnTo", safeReturn(returnTo));
		return "invoice-delete";
	}

	@PostMapping("/invoices/{id}/delete")
	String delete(@PathVariable UUID id, @RequestParam long version, @RequestParam(required = false) String returnTo,
			RedirectAttributes redirect) {
		try {
			this.invoices.delete(id, version);
			// a deletion is the invoice's next version
			this.writes.record(id, version + 1);
			redirect.addFlashAttribute("notice", Notice.success("invoice.deleted", shortId(id)));
		}
		catch (ApiProblemException ex) {
			redirect.addFlashAttribute("notice", failure(ex, id));
		}
		return "redirect:" + safeReturn(returnTo);
	}

	private Notice failure(ApiProblemException ex, UUID id) {
		return switch (ex.status()) {
			case 412 -> Notice.error("invoice.error.changedMeanwhile", shortId(id));
			case 404 -> Notice.error("invoice.error.gone", shortId(id));
			case 401, 403 -> Notice.error("invoice.error.forbidden");
			default -> Notice.error("invoice.error.rejected");
		};
	}

	/** The API request of a form, or field errors for what cannot be read. */
	private InvoiceDraft draft(InvoiceForm form, Locale locale, FormErrors errors, boolean creating) {
		Optional<UUID> customer = uuid(form.customerId());
		if (customer.isEmpty()) {
			errors.field("customerId", message("invoice.error.customerId"));
		}
		String currency = (form.currency() != null) ? form.currency().strip().toUpperCase(Locale.ROOT) : "";
		boolean knownCurrency = isCurrency(currency);
		if (!knownCurrency) {
			errors.field("currency", message("invoice.error.currency"));
		}
		Long amount = null;
		if (form.amount() == null || form.amount().isBlank()) {
			errors.field("amount", message("invoice.error.amountMissing"));
		}
		else if (knownCurrency) {
			amount = AmountInput.parse(form.amount(), currency, locale).orElse(null);
			if (amount == null) {
				errors.field("amount", message("invoice.error.amountFormat"));
			}
		}
		InvoiceStatus status = status(form.status()).orElse(null);
		if (status == null) {
			errors.field("status", message("invoice.error.status"));
		}
		LocalDate issueDate = date(form.issueDate());
		if (issueDate == null) {
			errors.field("issueDate", message("invoice.error.issueDate"));
		}
		LocalDate paidOn = date(form.paidOn());
		if (form.paidOn() != null && !form.paidOn().isBlank() && paidOn == null) {
			errors.field("paidOn", message("invoice.error.paidOn"));
		}
		if (errors.any()) {
			return null;
		}
		return new InvoiceDraft(customer.get(), amount, currency, status, issueDate,
				(status == InvoiceStatus.PAID) ? form.paidAtToSend(paidOn) : null);
	}

	private String form(Model model, InvoiceForm form, UUID id, FormErrors errors) {
		model.addAttribute("form", form);
		model.addAttribute("invoiceId", id);
		model.addAttribute("errors", errors);
		if (!model.containsAttribute("conflict")) {
			model.addAttribute("conflict", false);
		}
		return "invoice-form";
	}

	private String invalid(Model model, InvoiceForm form, UUID id, FormErrors errors, HttpServletResponse response) {
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		return form(model, form, id, errors);
	}

	private String message(String key) {
		return this.messages.getMessage(key, null, org.springframework.context.i18n.LocaleContextHolder.getLocale());
	}

	private LocalDate today() {
		return LocalDate.now(this.clock.withZone(ZoneOffset.UTC));
	}

	/** Only the dashboard's own invoice list is a place to return to. */
	static String safeReturn(String returnTo) {
		if (returnTo != null && returnTo.matches("/invoices(\\?[A-Za-z0-9=&%_.\\-]*)?")) {
			return returnTo;
		}
		return "/invoices";
	}

	private static String listUrl(UUID customer, InvoiceStatus status, int page) {
		StringBuilder url = new StringBuilder("/invoices?page=").append(page);
		if (customer != null) {
			url.append("&customerId=").append(customer);
		}
		if (status != null) {
			url.append("&status=").append(status);
		}
		return url.toString();
	}

	private static String shortId(UUID id) {
		return id.toString().substring(0, 8);
	}

	private static boolean isCurrency(String code) {
		if (!code.matches("[A-Z]{3}")) {
			return false;
		}
		try {
			Currency.getInstance(code);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static Optional<UUID> uuid(String text) {
		if (text == null || text.isBlank()) {
			return Optional.empty();
		}
		try {
			UUID id = UUID.fromString(text.strip());
			return id.toString().equals(text.strip().toLowerCase(Locale.ROOT)) ? Optional.of(id) : Optional.empty();
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private static Optional<InvoiceStatus> status(String text) {
		if (text == null || text.isBlank()) {
			return Optional.empty();
		}
		try {
			return Optional.of(InvoiceStatus.valueOf(text.strip().toUpperCase(Locale.ROOT)));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private static LocalDate date(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static int parseInt(String text) {
		try {
			return Integer.parseInt(text);
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

}
