package io.tally.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
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
			if (options.rebuildProjection()) {
				System.exit(rebuildProjection(options) ? 0 : 1);
			}
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
		// a service started alone connects the way the running broker expects
		KafkaSecurity kafkaSecurity = options.startsInfrastructure() ? options.kafkaSecurity()
				: StateDirectory.readKafkaSecurity(options.stateDirectory()).orElse(options.kafkaSecurity());
		LocalStack stack = new LocalStack(settings, kafkaSecurity);
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
			System.out.println("Demo data: " + count + " invoices (idempotent: seeding again adds nothing). Try, with "
					+ "the TOKEN above: curl -s -H \"Authorization: Bearer $TOKEN\" "
					+ stack.url(Service.REVENUE_SERVICE) + "/api/revenue/summary");
		}
		watch(stack, services, options.startsAuthServer(), options.startsDashboard());
	}

	private static void requireRunnableJar(String module, Path jar) {
		if (!Files.isRegularFile(jar) || !isRunnableJar(jar)) {
			throw new MissingServiceJar(module, jar);
		}
	}

	/**
	 * {@code --rebuild-projection}: with a token of the stack whose state directory is
	 * given, when it has one.
	 */
	private static boolean rebuildProjection(LaunchOptions options) throws Exception {
		StackSettings settings = StackSettings.forProject(options.projectRoot(), options.stateDirectory(),
				options.ports());
		Supplier<String> authorization = null;
		if (Files.exists(settings.credentialsFile())) {
			authorization = new LocalStack(settings).accessTokens()::authorization;
		}
		else {
			System.out.println("No credentials in " + settings.stateDirectory() + ": calling without a token");
		}
		String revenue = "http://localhost:" + options.ports().revenueService();
		return new ProjectionRebuildCommand(revenue, authorization, System.out).run();
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
			checkFree(busy, "invoice-service actuator port", ports.invoiceManagement(), "--invoice-port");
		}
		if (services.contains(Service.REVENUE_SERVICE)) {
			checkFree(busy, "revenue-service port", ports.revenueService(), "--revenue-port");
			checkFree(busy, "revenue-service actuator port", ports.revenueManagement(), "--revenue-port");
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
			String management = stack.managementUrl(service);
			banner.append(
					"  %-16s %s  (OpenAPI %s/v3/api-docs; health %s/actuator/health, metrics %s/actuator/prometheus)%n"
						.formatted(service.id(), url, url, management, management));
		}
		if (options.startsAuthServer()) {
			banner.append(
					"  %-16s %s  (development identity provider; OIDC discovery %s/.well-known/openid-configuration)%n"
						.formatted(LaunchOptions.AUTH_SERVER, stack.issuerUrl(), stack.issuerUrl()));
		}
		if (options.startsInfrastructure()) {
			banner.append("  %-16s %s  (%s)%n".formatted("Kafka", stack.kafkaBootstrapServers(),
					(stack.kafkaSecurity() == KafkaSecurity.SASL_ACLS)
							? "SASL_PLAINTEXT, mechanism PLAIN, ACLs: each service its own principal"
							: "PLAINTEXT: no authentication, no ACLs"));
			banner.append("  %-16s %s%n".formatted("Schema registry", stack.registryUrl()));
			for (Service service : Service.values()) {
				banner.append("  %-16s %s (owner %s, the service connects as %s; no passwords)%n".formatted(
						(service == Service.INVOICE_SERVICE) ? "PostgreSQL" : "", stack.jdbcUrl(service.database()),
						stack.ownerRole(service), stack.applicationRole(service)));
			}
		}
		banner.append("  %-16s %s (logs in %s)%n".formatted("State directory", settings.stateDirectory(),
				settings.logDirectory()));
		if (!services.isEmpty()) {
			banner.append("  %-16s %s%n".formatted("Tracing", options.tracing().describe()));
		}
		if (options.startsAuthServer()) {
			banner.append(signIns(stack, services));
		}
		if (options.startsInfrastructure() && stack.kafkaSecurity() == KafkaSecurity.SASL_ACLS) {
			banner.append(kafkaSignIn(stack));
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

	/**
	 * The broker's super user, for tools: the password, the client file for Kafka's own
	 * tools and a kcat command.
	 */
	private static String kafkaSignIn(LocalStack stack) {
		String password = stack.kafkaCredentials().password(KafkaCredentials.ADMIN);
		return ("%nKafka sign-in (generated on first start, kept in %s):%n"
				+ "  %-9s password %s   super user; Kafka's tools: --command-config %s%n"
				+ "  (invoice-service and revenue-service connect as themselves, with only the rights they use)%n"
				+ "Read the event topic's keys and headers:%n"
				+ "  kcat -b %s -X security.protocol=SASL_PLAINTEXT -X sasl.mechanisms=PLAIN -X sasl.username=%s"
				+ " -X sasl.password=%s -C -t invoice-events -f '%%p@%%o %%k %%h\\n' -e%n")
			.formatted(stack.settings().kafkaCredentialsFile(), KafkaCredentials.ADMIN, password,
					stack.settings().kafkaAdminClientFile(), stack.kafkaBootstrapServers(), KafkaCredentials.ADMIN,
					password);
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
