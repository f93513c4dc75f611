package io.tally.systemtests.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium (Debian's {@code chromium} and {@code chromium-driver}; Selenium
 * downloads nothing) with its own profile under {@code target/}, in one language.
 */
public final class Browser implements AutoCloseable {

	static final Path TARGET = Path.of("target");

	private final ChromeDriver driver;

	private final Path profile;

	private Browser(ChromeDriver driver, Path profile) {
		this.driver = driver;
		this.profile = profile;
	}

	/**
	 * A new browser whose {@code Accept-Language} asks for {@code language}, optionally
	 * asking pages for reduced motion.
	 */
	public static Browser start(String language) {
		try {
			Path profile = Files.createTempDirectory(Files.createDirectories(TARGET.resolve("chromium")), "profile-");
			ChromeOptions options = new ChromeOptions();
			options.setBinary(executable("chromium"));
			options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
					"--user-data-dir=" + profile.toAbsolutePath(), "--disable-background-networking",
					"--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,1000",
					"--lang=" + language, "--force-prefers-reduced-motion");
			options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
			ChromeDriverService service = new ChromeDriverService.Builder()
				.usingDriverExecutable(Path.of(executable("chromedriver")).toFile())
				.usingAnyFreePort()
				.build();
			ChromeDriver driver = new ChromeDriver(service, options);
			driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
			driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
			return new Browser(driver, profile);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public WebDriver driver() {
		return this.driver;
	}

	public void open(String url) {
		this.driver.get(url);
	}

	public WebElement find(By by) {
		return this.driver.findElement(by);
	}

	public List<WebElement> findAll(By by) {
		return this.driver.findElements(by);
	}

	public WebDriverWait waitUpTo(Duration timeout) {
		return new WebDriverWait(this.driver, timeout, Duration.ofMillis(50));
	}

	public Object script(String script, Object... arguments) {
		return this.driver.executeScript(script, arguments);
	}

	/** Signs in on the authorization server's login page the browser was sent to. */
	public void signIn(String user, String password) {
		waitUpTo(Duration.ofSeconds(20)).until((driver) -> !driver.findElements(By.id("username")).isEmpty());
		find(By.id("username")).sendKeys(user);
		find(By.id("password")).sendKeys(password);
		find(By.cssSelector("button[type=submit]")).click();
	}

	/** Saves a PNG of the visible page under {@code target/screenshots/}. */
	public Path screenshot(String name) {
		try {
			Path file = Files.createDirectories(TARGET.resolve("screenshots")).resolve(name + ".png");
			Files.write(file, this.driver.getScreenshotAs(OutputType.BYTES));
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			deleteQuietly(this.profile);
		}
	}

	private static String executable(String name) {
		for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
			Path candidate = Path.of(dir, name);
			if (Files.isExecutable(candidate)) {
				return candidate.toString();
			}
		}
		throw new IllegalStateException(name + " is not on the PATH; install Debian's chromium and chromium-driver "
				+ "packages (apt-get install -y chromium chromium-driver)");
	}

	private static void deleteQuietly(Path dir) {
		try (var paths = Files.walk(dir)) {
			paths.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// a leftover profile under target/ is harmless
		}
	}

}
