package io.tally.systemtests;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.tally.systemtests.browser.Axe;
import io.tally.systemtests.browser.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard in a real browser (headless Chromium) against the whole stack as separate
 * processes — the auth-server, both services, the dashboard, Kafka and PostgreSQL —
 * shared with the end-to-end test. Users sign in through the auth-server's login page.
 * axe-core checks every page in every state the tests reach. Each test saves a screenshot
 * when it fails; the overview's is saved on success too.
 */
@Order(2)
class DashboardInBrowserTest {

	/** How long a paid invoice may take to show on an open overview. */
	static final Duration LIVE = Duration.ofSeconds(2);

	static final YearMonth THIS_MONTH = YearMonth.now(ZoneOffset.UTC);

	private static SharedStack stack;

	private final List<Browser> browsers = new ArrayList<>();

	/** Runs before {@code @AfterEach} closes the browsers. */
	@RegisterExtension
	final AfterTestExecutionCallback screenshots = (context) -> {
		if (context.getExecutionException().isPresent()) {
			for (int i = 0; i < this.browsers.size(); i++) {
				System.out.println("Screenshot of the failed test: " + this.browsers.get(i)
					.screenshot("failed-" + context.getRequiredTestMethod().getName() + "-" + i));
			}
		}
	};

	@BeforeAll
	static void stack() throws Exception {
		stack = SharedStack.get();
		stack.awaitLiveUpdates();
	}

	@AfterEach
	void closeBrowsers() {
		this.browsers.forEach(Browser::close);
		this.browsers.clear();
	}

	@Test
	void financeMarksAnInvoicePaidAndTheOpenOverviewShowsTheCollectedFigureWithoutReloading() {
		String customer = UUID.randomUUID().toString();
		Invoice invoice = stack.invoices().create(body(customer, 4321, "EUR", LocalDate.now(ZoneOffset.UTC)), null);
		Browser browser = signedIn("en", "finance");
		browser.open(stack.dashboardUrl() + "/?currency=EUR");
		awaitMonthRow(browser, THIS_MONTH);
		long collectedBefore = figure(browser, THIS_MONTH, Column.COLLECTED);
		assertAccessible(browser, "overview");
		// a marker that a reload would wipe out
		browser.script("window.tallyNotReloaded = true;");
		String overviewTab = browser.driver().getWindowHandle();

		browser.driver().switchTo().newWindow(WindowType.TAB);
		browser.open(stack.dashboardUrl() + "/invoices?status=PENDING&customerId=" + customer);
		assertAccessible(browser, "invoices of one customer");
		WebElement pay = browser.find(By.cssSelector("#invoice-" + invoice.id() + " button.pay"));
		long paidAt = System.nanoTime();
		pay.click();
		browser.waitUpTo(Duration.ofSeconds(10)).until((driver) -> !driver.findElements(By.id("notice")).isEmpty());
		assertThat(browser.find(By.id("notice")).getText()).contains("marked as paid");
		assertAccessible(browser, "invoices after a payment");

		browser.driver().switchTo().window(overviewTab);
		long expected = collectedBefore + 4321;
		browser.waitUpTo(LIVE.plusSeconds(1))
			.until((driver) -> figure(browser, THIS_MONTH, Column.COLLECTED) == expected);
		Duration took = Duration.ofNanos(System.nanoTime() - paidAt);
		assertThat(took).as("payment to figure on the open overview").isLessThanOrEqualTo(LIVE);
		assertThat(browser.script("return window.tallyNotReloaded === true")).as("the page was not reloaded")
			.isEqualTo(true);
		// the live region is visually hidden, so its text is read from the DOM, as a
		// screen reader does
		assertThat(textContent(browser, By.id("announcer"))).contains("Collected for "
				+ monthName(THIS_MONTH, Locale.ENGLISH) + " is now " + money(expected, "EUR", Locale.ENGLISH));
		assertAccessible(browser, "overview after a live update");
		System.out.printf("Paid invoice shown on the open overview after %d ms%n", took.toMillis());
		browser.screenshot("overview");
	}

	@Test
	void anInvalidAmountIsShownAtItsFieldAndTheCorrectedInvoiceRaisesPendingRevenue() {
		String customer = UUID.randomUUID().toString();
		Browser browser = signedIn("en", "finance");
		browser.open(stack.dashboardUrl() + "/?currency=EUR");
		awaitMonthRow(browser, THIS_MONTH);
		long pendingBefore = figure(browser, THIS_MONTH, Column.PENDING);

		browser.open(stack.dashboardUrl() + "/invoices/new?customerId=" + customer);
		assertAccessible(browser, "new invoice form");
		browser.find(By.id("amount")).sendKeys("0");
		browser.find(By.cssSelector("form.invoice-form button[type=submit]")).click();
		WebElement error = browser.waitUpTo(Duration.ofSeconds(10))
			.until((driver) -> driver.findElements(By.id("amount-error")).stream().findFirst().orElse(null));
		WebElement amount = browser.find(By.id("amount"));
		assertThat(error.getText()).contains("Enter an amount greater than zero");
		assertThat(amount.getAttribute("aria-invalid")).isEqualTo("true");
		assertThat(amount.getAttribute("aria-describedby")).contains("amount-error");
		assertThat(browser.find(By.id("customerId")).getAttribute("value")).isEqualTo(customer);
		assertAccessible(browser, "new invoice form with a field error");

		amount.clear();
		amount.sendKeys("12.34");
		browser.find(By.cssSelector("form.invoice-form button[type=submit]")).click();
		browser.waitUpTo(Duration.ofSeconds(10)).until((driver) -> !driver.findElements(By.id("notice")).isEmpty());
		assertThat(browser.find(By.id("notice")).getText()).contains("created");

		browser.open(stack.dashboardUrl() + "/?currency=EUR");
		awaitMonthRow(browser, THIS_MONTH);
		browser.waitUpTo(Duration.ofSeconds(5))
			.until((driver) -> figure(browser, THIS_MONTH, Column.PENDING) == pendingBefore + 1234);
		assertAccessible(browser, "overview after creating an invoice");
	}

	@Test
	void aViewerSeesTheFiguresButNoWriteControlsAndAForgedPaymentIsRefused() {
		Invoice invoice = stack.invoices()
			.create(body(UUID.randomUUID().toString(), 999, "EUR", LocalDate.now(ZoneOffset.UTC)), null);
		Browser browser = signedIn("en", "viewer");
		browser.open(stack.dashboardUrl() + "/?currency=EUR");
		awaitMonthRow(browser, THIS_MONTH);
		assertAccessible(browser, "overview as viewer");

		browser.open(stack.dashboardUrl() + "/invoices?customerId=" + invoice.customerId());
		assertThat(browser.findAll(By.id("invoice-" + invoice.id()))).hasSize(1);
		assertThat(browser.findAll(By.cssSelector("button.pay"))).isEmpty();
		assertThat(browser.findAll(By.cssSelector("a[href*='/edit'], a[href*='/delete'], a[href*='/invoices/new']")))
			.isEmpty();
		assertAccessible(browser, "invoices as viewer");

		// the viewer's own session and CSRF token, sent by hand: the dashboard itself
		// must refuse
		Object status = ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				const header = document.querySelector('meta[name="csrf-header"]').content;
				const token = document.querySelector('meta[name="csrf-token"]').content;
				fetch('/invoices/' + arguments[0] + '/payment', {method: 'POST', redirect: 'manual',
				  headers: {[header]: token, 'Content-Type': 'application/x-www-form-urlencoded'},
				  body: 'version=' + arguments[1]}).then(r => done(r.status)).catch(e => done(String(e)));
				""", invoice.id(), invoice.version());
		assertThat(status).as("forged payment by a viewer").isEqualTo(403L);
		Invoice after = stack.invoices().find(invoice.id()).orElseThrow();
		assertThat(after.status()).isEqualTo("PENDING");
		assertThat(after.version()).isEqualTo(invoice.version());

		browser.open(stack.dashboardUrl() + "/invoices/new");
		assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Something went wrong");
		assertAccessible(browser, "forbidden page");
	}

	@Test
	void germanAndArabicPagesShowTheirNumberFormatsAndDirection() {
		String customer = UUID.randomUUID().toString();
		stack.invoices().create(body(customer, 123450, "EUR", LocalDate.now(ZoneOffset.UTC)), null);
		Browser browser = signedIn("de-DE,de", "finance");
		browser.open(stack.dashboardUrl() + "/customers?sort=customer&dir=asc");
		assertThat(browser.find(By.tagName("html")).getAttribute("lang")).isEqualTo("de");
		assertThat(browser.find(By.tagName("html")).getAttribute("dir")).isEqualTo("ltr");
		assertThat(customerRow(browser, customer)).contains("1.234,50 €");
		assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Kunden");
		assertAccessible(browser, "customers in German");
		browser.open(stack.dashboardUrl() + "/?currency=EUR");
		assertThat(text(browser, By.cssSelector("#month-" + THIS_MONTH + " th")))
			.isEqualTo(monthName(THIS_MONTH, Locale.GERMAN));
		assertAccessible(browser, "overview in German");

		browser.find(By.cssSelector("a[hreflang=ar]")).click();
		browser.waitUpTo(Duration.ofSeconds(10))
			.until((driver) -> "rtl".equals(driver.findElement(By.tagName("html")).getAttribute("dir")));
		assertThat(browser.find(By.tagName("html")).getAttribute("lang")).isEqualTo("ar");
		assertThat(text(browser, By.cssSelector("#month-" + THIS_MONTH + " th")))
			.as("month name with Arabic-Indic digits")
			.startsWith(THIS_MONTH.getMonth().getDisplayName(TextStyle.FULL_STANDALONE, Locale.forLanguageTag("ar")))
			.contains(arabicDigits(THIS_MONTH.getYear()));
		// the layout mirrors: the heading's text sits at the right edge
		Map<?, ?> heading = (Map<?, ?>) browser.script("""
				const range = document.createRange();
				range.selectNodeContents(document.querySelector('h1'));
				return {left: range.getBoundingClientRect().left, width: document.documentElement.clientWidth,
				  direction: getComputedStyle(document.querySelector('main')).direction};
				""");
		assertThat(heading.get("direction")).isEqualTo("rtl");
		assertThat(((Number) heading.get("left")).doubleValue())
			.isGreaterThan(((Number) heading.get("width")).doubleValue() / 2);
		assertAccessible(browser, "overview in Arabic");
		browser.screenshot("overview-ar");
		browser.open(stack.dashboardUrl() + "/customers?sort=customer&dir=asc");
		assertThat(customerRow(browser, customer)).contains("١٬٢٣٤٫٥٠ €");
		assertAccessible(browser, "customers in Arabic");
	}

	@Test
	void everyOtherPageHasNoAccessibilityViolations() {
		Invoice invoice = stack.invoices()
			.create(body(UUID.randomUUID().toString(), 2500, "USD", LocalDate.now(ZoneOffset.UTC)), null);
		Browser browser = Browser.start("en");
		this.browsers.add(browser);
		browser.open(stack.dashboardUrl() + "/");
		browser.waitUpTo(Duration.ofSeconds(20)).until((driver) -> !driver.findElements(By.id("username")).isEmpty());
		assertAccessible(browser, "the auth-server's sign-in page");
		browser.signIn("finance", stack.password("finance"));
		browser.waitUpTo(Duration.ofSeconds(20))
			.until((driver) -> driver.getCurrentUrl().startsWith(stack.dashboardUrl()));
		awaitMonthRow(browser, THIS_MONTH);
		browser.screenshot("overview-en");
		for (String page : List.of("/customers", "/invoices", "/invoices?page=1", "/invoices/" + invoice.id() + "/edit",
				"/invoices/" + invoice.id() + "/delete", "/?currency=USD&from=2020-01&to=2019-01")) {
			browser.open(stack.dashboardUrl() + page);
			assertAccessible(browser, page);
		}
		assertThat(browser.find(By.id("to")).getAttribute("aria-invalid")).isEqualTo("true");
		browser.find(By.cssSelector("form[action$='/logout'] button")).click();
		browser.waitUpTo(Duration.ofSeconds(20)).until((driver) -> !driver.getCurrentUrl().contains("/invoices"));
		assertAccessible(browser, "after signing out");
	}

	private Browser signedIn(String language, String user) {
		Browser browser = Browser.start(language);
		this.browsers.add(browser);
		browser.open(stack.dashboardUrl() + "/");
		browser.signIn(user, stack.password(user));
		browser.waitUpTo(Duration.ofSeconds(20))
			.until((driver) -> driver.getCurrentUrl().startsWith(stack.dashboardUrl())
					&& !driver.findElements(By.tagName("main")).isEmpty());
		return browser;
	}

	private static WebElement awaitMonthRow(Browser browser, YearMonth month) {
		return browser.waitUpTo(Duration.ofSeconds(20))
			.until((driver) -> driver.findElements(By.id("month-" + month)).stream().findFirst().orElse(null));
	}

	/**
	 * The text of the customer's row, once the projection has the invoice (reloading
	 * until then).
	 */
	private static String customerRow(Browser browser, String customer) {
		String url = browser.driver().getCurrentUrl();
		By row = By.xpath("//a[contains(@href,'" + customer + "')]/ancestor::tr");
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> {
			if (!browser.findAll(row).isEmpty()) {
				return true;
			}
			browser.open(url);
			return false;
		});
		return text(browser, row);
	}

	/**
	 * The text of an element, visible or not (a live update may replace it meanwhile).
	 */
	private static String textContent(Browser browser, By by) {
		return browser.waitUpTo(Duration.ofSeconds(5))
			.ignoring(StaleElementReferenceException.class)
			.until((driver) -> driver.findElement(by).getDomProperty("textContent"));
	}

	/** An element's text; a live update may replace the element while it is read. */
	private static String text(Browser browser, By by) {
		return browser.waitUpTo(Duration.ofSeconds(5))
			.ignoring(StaleElementReferenceException.class)
			.until((driver) -> driver.findElement(by).getText());
	}

	/**
	 * A figure of the overview's table, in minor units (from the row's machine-readable
	 * data).
	 */
	private static long figure(Browser browser, YearMonth month, Column column) {
		String plain = browser.waitUpTo(Duration.ofSeconds(5))
			.ignoring(StaleElementReferenceException.class)
			.until((driver) -> driver.findElement(By.id("month-" + month)).getAttribute("data-" + column.key));
		return new BigDecimal(plain).movePointRight(2).longValueExact();
	}

	private static void assertAccessible(Browser browser, String state) {
		assertThat(Axe.violations(browser))
			.as("axe-core violations on %s (%s)", state, browser.driver().getCurrentUrl())
			.isEmpty();
	}

	private static String body(String customer, long amountMinor, String currency, LocalDate issueDate) {
		return "{\"customerId\":\"" + customer + "\",\"amountMinor\":" + amountMinor + ",\"currency\":\"" + currency
				+ "\",\"issueDate\":\"" + issueDate + "\"}";
	}

	private static String money(long minor, String currency, Locale locale) {
		NumberFormat format = NumberFormat.getCurrencyInstance(locale);
		format.setCurrency(Currency.getInstance(currency));
		return format.format(BigDecimal.valueOf(minor, 2));
	}

	private static String monthName(YearMonth month, Locale locale) {
		return month.getMonth().getDisplayName(TextStyle.FULL_STANDALONE, locale) + " " + month.getYear();
	}

	private static String arabicDigits(int number) {
		StringBuilder digits = new StringBuilder();
		for (char c : Integer.toString(number).toCharArray()) {
			digits.append((char) ('\u0660' + (c - '0')));
		}
		return digits.toString();
	}

	/** The overview's figure columns and their data attributes. */
	private enum Column {

		COLLECTED("collected"), PENDING("pending");

		private final String key;

		Column(String key) {
			this.key = key;
		}

	}

}
