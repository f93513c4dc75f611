package io.tally.localstack;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The launcher's command line.
 *
 * @param projectRoot the checkout whose service jars are run
 * @param stateDirectory where data and logs live ({@code .tally/} under the project root
 * by default)
 * @param wipe delete the state directory before starting
 * @param seed create demo data through the invoice API once the services are ready
 * @param infraOnly start only PostgreSQL, Kafka, the schema registry and the auth-server
 * @param only start just this part ({@code invoice-service}, {@code revenue-service},
 * {@code auth-server} or {@code dashboard}); a service needs the infrastructure running
 * already
 * @param ports the ports to use
 * @param postgresPortFixed whether the PostgreSQL port was given explicitly (no fallback
 * then)
 * @param rebuildProjection start nothing: ask the running revenue-service to rebuild its
 * projection and follow the rebuild to its end
 * @param tracing whether and where the services trace
 * @param help print usage and exit
 * @param kafkaSecurity SASL with ACLs (the default), or {@code --kafka-plaintext}
 */
record LaunchOptions(Path projectRoot, Path stateDirectory, boolean wipe, boolean seed, boolean infraOnly,
		Optional<String> only, Ports ports, boolean postgresPortFixed, boolean rebuildProjection, Tracing tracing,
		boolean help, KafkaSecurity kafkaSecurity) {

	/** The part {@code --only=auth-server} names. */
	static final String AUTH_SERVER = "auth-server";

	/** The part {@code --only=dashboard} names. */
	static final String DASHBOARD = "dashboard";

	static final String USAGE = """
			Usage: ./run-local.sh [options]

			Starts Tally on this machine: Kafka (KRaft) on 9092, PostgreSQL on 5432 (or a free port if taken),
			the schema-registry stand-in on 8081, the auth-server (development identity provider) on 9000,
			invoice-service on 8080, revenue-service on 8082 and the dashboard on 8083 (their actuators on
			8180, 8182 and 8183). Ctrl-C stops everything. Data, generated secrets and the token signing key
			are kept in the state directory across restarts.
			Kafka requires SASL/PLAIN and enforces ACLs: each service connects as its own principal; the
			banner shows the admin credentials for tools such as kcat.

			Options:
			  --seed                   create demo data (customers, a year of USD and EUR invoices, some paid),
			                           sending a client-credentials token
			  --wipe                   delete the state directory (all data and logs) before starting
			  --state-dir=PATH         state directory (default: .tally under the project root)
			  --infra-only             start only PostgreSQL, Kafka, the schema registry and the auth-server
			  --only=PART              start only invoice-service or revenue-service against running infrastructure,
			                           or only auth-server, or only the dashboard against running services
			  --kafka-plaintext        Kafka without SASL and ACLs: anyone reaching the port may read and write
			                           anything (for tools without credentials)
			  --rebuild-projection     start nothing: rebuild the running revenue-service's projection (on
			                           --revenue-port, with a token of the stack in --state-dir) without
			                           downtime and follow it until it switches
			  --kafka-port=N --kafka-controller-port=N --registry-port=N --postgres-port=N
			  --invoice-port=N --revenue-port=N --auth-port=N   (a service's actuator listens on N+100)
			  --dashboard-port=N       the dashboard's pages (its actuator listens on N+100)
			  --tracing                trace every request and event (trace ids in the logs; off by default)
			  --otlp-endpoint=URL      also export the spans to an OTLP/HTTP collector, e.g.
			                           http://localhost:4318/v1/traces (Jaeger all-in-one); implies --tracing
			  --project-root=PATH      checkout containing the built service jars (default: current directory)
			  --help
			""";

	static LaunchOptions parse(String... args) {
		Path projectRoot = Path.of("").toAbsolutePath();
		Path stateDirectory = null;
		boolean wipe = false;
		boolean seed = false;
		boolean infraOnly = false;
		boolean rebuildProjection = false;
		boolean help = false;
		KafkaSecurity kafkaSecurity = KafkaSecurity.SASL_ACLS;
		boolean tracing = false;
		String otlpEndpoint = null;
		Optional<String> only = Optional.empty();
		Ports defaults = Ports.defaults();
		int kafka = defaults.kafka();
		int controller = defaults.kafkaController();
		int registry = defaults.registry();
		OptionalInt postgres = OptionalInt.empty();
		int invoice = defaults.invoiceService();
		int revenue = defaults.revenueService();
		int auth = defaults.authServer();
		int dashboard = defaults.dashboard();
		for (String arg : args) {
			String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
			String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
			switch (name) {
				case "--wipe" -> wipe = true;
				case "--seed" -> seed = true;
				case "--infra-only" -> infraOnly = true;
				case "--kafka-plaintext" -> kafkaSecurity = KafkaSecurity.PLAINTEXT;
				case "--rebuild-projection" -> rebuildProjection = true;
				case "--help", "-h" -> help = true;
				case "--tracing" -> tracing = true;
				case "--otlp-endpoint" -> otlpEndpoint = required(name, value);
				case "--only" -> only = Optional.of(part(required(name, value)));
				case "--state-dir" -> stateDirectory = Path.of(required(name, value));
				case "--project-root" -> projectRoot = Path.of(required(name, value)).toAbsolutePath();
				case "--kafka-port" -> kafka = port(name, value);
				case "--kafka-controller-port" -> controller = port(name, value);
				case "--registry-port" -> registry = port(name, value);
				case "--postgres-port" -> postgres = OptionalInt.of(port(name, value));
				case "--invoice-port" -> invoice = managedPort(name, value);
				case "--revenue-port" -> revenue = managedPort(name, value);
				case "--auth-port" -> auth = port(name, value);
				case "--dashboard-port" -> dashboard = managedPort(name, value);
				default -> throw new IllegalArgumentException("Unknown option '" + arg + "'\n\n" + USAGE);
			}
		}
		if (infraOnly && only.isPresent()) {
			throw new IllegalArgumentException("--infra-only and --only exclude each other");
		}
		if (rebuildProjection && (infraOnly || only.isPresent() || seed || wipe)) {
			throw new IllegalArgumentException(
					"--rebuild-projection talks to a running stack: it goes with no option that starts or wipes one");
		}
		if (seed && (infraOnly
				|| only.filter((part) -> part.equals(AUTH_SERVER) || part.equals(DASHBOARD)).isPresent())) {
			throw new IllegalArgumentException("--seed needs invoice-service: it cannot go with --infra-only, --only="
					+ AUTH_SERVER + " or --only=" + DASHBOARD);
		}
		if (stateDirectory == null) {
			stateDirectory = projectRoot.resolve(".tally");
		}
		Ports ports = new Ports(kafka, controller, registry, postgres.orElse(defaults.postgres()), invoice, revenue,
				auth, dashboard, dashboard + Ports.MANAGEMENT_OFFSET, invoice + Ports.MANAGEMENT_OFFSET,
				revenue + Ports.MANAGEMENT_OFFSET);
		return new LaunchOptions(projectRoot, stateDirectory.toAbsolutePath().normalize(), wipe, seed, infraOnly, only,
				ports, postgres.isPresent(), rebuildProjection, new Tracing(tracing, otlpEndpoint), help,
				kafkaSecurity);
	}

	boolean startsInfrastructure() {
		return this.only.isEmpty();
	}

	boolean starts(Service service) {
		return !this.infraOnly && this.only.map(service.id()::equals).orElse(true);
	}

	/** The auth-server runs with the infrastructure (the services need it) or alone. */
	boolean startsAuthServer() {
		return this.only.map(AUTH_SERVER::equals).orElse(true);
	}

	/** The dashboard runs with the services, or alone against running ones. */
	boolean startsDashboard() {
		return this.only.map(DASHBOARD::equals).orElse(!this.infraOnly);
	}

	private static String part(String id) {
		for (Service service : Service.values()) {
			if (service.id().equals(id)) {
				return id;
			}
		}
		if (id.equals(AUTH_SERVER) || id.equals(DASHBOARD)) {
			return id;
		}
		throw new IllegalArgumentException("Unknown part '" + id
				+ "' for --only (expected invoice-service, revenue-service, auth-server or dashboard)");
	}

	private static String required(String name, String value) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " needs a value, e.g. " + name + "=...");
		}
		return value;
	}

	private static int port(String name, String value) {
		try {
			int port = Integer.parseInt(required(name, value));
			if (port < 1 || port > 65535) {
				throw new IllegalArgumentException(name + " must be a port between 1 and 65535");
			}
			return port;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(name + " must be a number, not '" + value + "'");
		}
	}

	/** A port whose actuator port ({@code +100}) must be a port too. */
	private static int managedPort(String name, String value) {
		int port = port(name, value);
		if (port + Ports.MANAGEMENT_OFFSET > 65535) {
			throw new IllegalArgumentException(name + " must leave room for the actuator port " + name + "+"
					+ Ports.MANAGEMENT_OFFSET + " (at most " + (65535 - Ports.MANAGEMENT_OFFSET) + ")");
		}
		return port;
	}

}
