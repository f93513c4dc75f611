package io.tally.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;

/**
 * The {@code run-local.sh} command: starts the local stack, prints where everything is,
 * stops it all on Ctrl-C.
 */
public final class LocalStackMain {

	private static volatile boolean stopping;

	private LocalStackMain() {
	}

	public static void main(String[] args) throws Exception {
		LaunchOptions options;
		try {
			options = LaunchOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		if (options.help()) {
			System.out.print(LaunchOptions.USAGE);
			return;
		}
		try {
			run(options);
		}
		catch (IllegalStateException ex) {
			System.err.println();
			System.err.println("ERROR: " + ex.getMessage());
			System.exit(1);
		}
	}

	private static void run(LaunchOptions options) throws Exception {
		if (options.wipe()) {
			StateDirectory.wipe(options.stateDirectory());
			System.out.println("Wiped " + options.stateDirectory());
		}
		Set<Service> services = EnumSet.noneOf(Service.class);
		for (Service service : Service.values()) {
			if (options.starts(service)) {
				services.add(service);
			}
		}
		Ports ports = resolvePorts(options, services);
		StackSettings settings = StackSettings.forProject(options.projectRoot(), options.stateDirectory(), ports)
			.withTracing(options.tracing());
		for (Service service : services) {
			requireRunnableJar(service.id(), settings.jarOf(service));
		}
		if (options.startsAuthServer()) {
			requireRunnableJar(LaunchOptions.AUTH_SERVER, settings.authServerJar());
		}
		if (options.startsDashboard()) {
			requireRunnableJar(LaunchOptions.DASHBOARD, settings.dashboardJar());
		}
		System.out.println("Tally local stack — state directory: " + settings.stateDirectory());
		System.out.println("Logs: " + settings.logDirectory());
		LocalStack stack = new LocalStack(settings);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			stopping = true;
			System.out.println("Stopping Tally local stack ...");
			stack.close();
			System.out.println("Stopped. Data kept in " + settings.stateDirectory());
		}, "local-stack-shutdown"));
		if (options.startsInfrastructure()) {
			stack.startInfrastructure();
		}
		else if (!services.isEmpty()) {
			stack.requireInfrastructure();
		}
		if (services.size() == Service.values().length) {
			stack.startServices(); // the auth-server and both services at once: faster
		}
		else {
			if (options.startsAuthServer()) {
				stack.startAuthServer();
			}
			for (Service service : services) {
				stack.startService(service);
			}
		}
		if (options.startsDashboard()) {
			stack.startDashboard();
		}
		printBanner(options, stack, services);
		if (options.seed()) {
			int count = new DemoData(stack.url(Service.INVOICE_SERVICE), stack.accessTokens(), Clock.systemUTC())
				.seed();
			System.out.println("Demo data: " + count + " invoices (idempotent: seeding again adds nothing). Try: curl "
					+ stack.url(Service.REVENUE_SERVICE) + "/api/revenue/summary");
		}
		watch(stack, services, options.startsAuthServer(), options.startsDashboard());
	}

	private static void requireRunnableJar(String module, Path jar) {
		if (!Files.isRegularFile(jar) || !isRunnableJar(jar)) {
			throw new MissingServiceJar(module, jar);
		}
	}

	private static boolean isRunnableJar(Path jar) {
		try (JarFile file = new JarFile(jar.toFile())) {
			return file.getManifest() != null && file.getManifest().getMainAttributes().getValue("Main-Class") != null;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static Ports resolvePorts(LaunchOptions options, Set<Service> services) throws Exception {
		Ports ports = options.ports();
		if (!options.startsInfrastructure()) {
			// attach to what the last --infra-only (or full) start recorded
			ports = StateDirectory.readPorts(options.stateDirectory(), ports).orElse(ports);
			if (options.startsAuthServer() && !Ports.isFree(ports.authServer())) {
				throw new IllegalStateException("The auth-server port " + ports.authServer()
						+ " is in use: is the auth-server running already? (--auth-port=N picks another)");
			}
			if (options.startsDashboard()
					&& (!Ports.isFree(ports.dashboard()) || !Ports.isFree(ports.dashboardManagement()))) {
				throw new IllegalStateException(
						"The dashboard port " + ports.dashboard() + " or " + ports.dashboardManagement()
								+ " is in use: is the dashboard running already? (--dashboard-port=N picks another)");
			}
			return ports;
		}
		List<String> busy = new ArrayList<>();
		if (!Ports.isFree(ports.postgres())) {
			if (options.postgresPortFixed()) {
				busy.add("PostgreSQL port " + ports.postgres() + " (--postgres-port)");
			}
			else {
				int fallback = Ports.freePort();
				System.out.println("Port " + ports.postgres() + " is taken; PostgreSQL uses port " + fallback
						+ " instead (fix it with --postgres-port=N)");
				ports = ports.withPostgres(fallback);
			}
		}
		checkFree(busy, "Kafka port", ports.kafka(), "--kafka-port");
		checkFree(busy, "Kafka controller port", ports.kafkaController(), "--kafka-controller-port");
		checkFree(busy, "schema registry port", ports.registry(), "--registry-port");
		if (services.contains(Service.INVOICE_SERVICE)) {
			checkFree(busy, "invoice-service port", ports.invoiceService(), "--invoice-port");
		}
		if (services.contains(Service.REVENUE_SERVICE)) {
			checkFree(busy, "revenue-service port", ports.revenueService(), "--revenue-port");
		}
		if (options.startsAuthServer()) {
			checkFree(busy, "auth-server port", ports.authServer(), "--auth-port");
		}
		if (options.startsDashboard()) {
			checkFree(busy, "dashboard port", ports.dashboard(), "--dashboard-port");
			checkFree(busy, "dashboard actuator port", ports.dashboardManagement(), "--dashboard-port");
		}
		if (!busy.isEmpty()) {
			throw new IllegalStateException("These ports are in use: " + String.join(", ", busy)
					+ ". Is another Tally stack running? Stop it, or choose other ports.");
		}
		return ports;
	}

	private static void checkFree(List<String> busy, String what, int port, String option) {
		if (!Ports.isFree(port)) {
			busy.add(what + " " + port + " (" + option + ")");
		}
	}

	private static void printBanner(LaunchOptions options, LocalStack stack, Set<Service> services) {
		StackSettings settings = stack.settings();
		StringBuilder banner = new StringBuilder("\nTally is up.\n");
		if (options.startsDashboard()) {
			banner.append("  %-16s %s  (open it in a browser and sign in as a user below; health %s/actuator/health)%n"
				.formatted(LaunchOptions.DASHBOARD, stack.dashboardUrl(), stack.dashboardManagementUrl()));
		}
		for (Service service : services) {
			String url = stack.url(service);
			banner.append(
					"  %-16s %s  (health %s/actuator/health, metrics %s/actuator/prometheus, OpenAPI %s/v3/api-docs)%n"
						.formatted(service.id(), url, url, url, url));
		}
		if (options.startsAuthServer()) {
			banner.append(
					"  %-16s %s  (development identity provider; OIDC discovery %s/.well-known/openid-configuration)%n"
						.formatted(LaunchOptions.AUTH_SERVER, stack.issuerUrl(), stack.issuerUrl()));
		}
		if (options.startsInfrastructure()) {
			banner.append("  %-16s %s%n".formatted("Kafka", stack.kafkaBootstrapServers()));
			banner.append("  %-16s %s%n".formatted("Schema registry", stack.registryUrl()));
			banner.append("  %-16s %s, %s (user %s, no password)%n".formatted("PostgreSQL",
					stack.jdbcUrl(Service.INVOICE_SERVICE.database()),
					stack.jdbcUrl(Service.REVENUE_SERVICE.database()), PostgresServer.USER));
		}
		banner.append("  %-16s %s (logs in %s)%n".formatted("State directory", settings.stateDirectory(),
				settings.logDirectory()));
		if (!services.isEmpty()) {
			banner.append("  %-16s %s%n".formatted("Tracing", options.tracing().describe()));
		}
		if (options.startsAuthServer()) {
			banner.append(signIns(stack, services));
		}
		banner.append("Press Ctrl-C to stop everything.\n");
		System.out.println(banner);
	}

	/**
	 * The demo sign-ins, the dev client and two commands: one that fetches a token, one
	 * that uses it.
	 */
	private static String signIns(LocalStack stack, Set<Service> services) {
		DevCredentials credentials = stack.credentials();
		StringBuilder text = new StringBuilder(
				"\nSign-ins for the dashboard and the API (generated on first start, kept in %s):%n"
					.formatted(stack.settings().credentialsFile()));
		for (DevCredentials.DemoUser user : credentials.users()) {
			text.append("  %-9s password %s   may %s%n".formatted(user.name(), user.password(), user.role()));
		}
		DevCredentials.Client cli = credentials.cli();
		text.append("  %-9s secret   %s   client credentials, scopes %s%n".formatted(cli.id(), cli.secret(),
				String.join(" ", DevCredentials.CLI_SCOPES)));
		// a read of revenue figures, unless only invoice-service runs here
		String api = (services.contains(Service.INVOICE_SERVICE) && !services.contains(Service.REVENUE_SERVICE))
				? stack.url(Service.INVOICE_SERVICE) + "/api/invoices"
				: stack.url(Service.REVENUE_SERVICE) + "/api/revenue/summary";
		text.append("Get a token (it expires after a few minutes: run the first line again) and use it:%n  %s%n  %s%n"
			.formatted(stack.fetchTokenCommand(), LocalStack.useTokenCommand(api)));
		return text.toString();
	}

	/** Blocks until the JVM is stopped; reports a part that dies on its own. */
	private static void watch(LocalStack stack, Set<Service> services, boolean authServer, boolean dashboard)
			throws InterruptedException {
		Set<Service> reported = EnumSet.noneOf(Service.class);
		boolean authServerReported = false;
		boolean dashboardReported = false;
		for (int round = 1;; round++) {
			if (round % 5 == 0) {
				stack.saveRegistry(); // also saved on Ctrl-C; this covers a hard kill of
										// the launcher
			}
			for (Service service : services) {
				if (!stopping && !stack.isRunning(service) && reported.add(service)) {
					warnExited(stack, service.id(), stack.process(service));
				}
			}
			if (authServer && !stopping && !authServerReported && !stack.isAuthServerRunning()) {
				authServerReported = true;
				warnExited(stack, LaunchOptions.AUTH_SERVER, stack.authServerProcess());
			}
			if (dashboard && !stopping && !dashboardReported && !stack.isDashboardRunning()) {
				dashboardReported = true;
				warnExited(stack, LaunchOptions.DASHBOARD, stack.dashboardProcess());
			}
			Thread.sleep(2000);
		}
	}

	private static void warnExited(LocalStack stack, String part, Process process) {
		System.err.println("WARNING: " + part + " exited (code " + process.exitValue() + "); see "
				+ stack.settings().logDirectory() + ". Restart it with ./run-local.sh --only=" + part);
	}

}
