package io.tally.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tally.load.bulk.BulkOptions;
import io.tally.load.drive.LoadModel;
import io.tally.load.http.Endpoint;
import io.tally.load.workload.Mix;

/**
 * The command line of the load harness, parsed and checked; {@link #USAGE} explains each
 * option.
 *
 * @param invoiceUrl invoice-service's base URL
 * @param revenueUrl revenue-service's base URL
 * @param invoiceMetricsUrl where invoice-service's {@code /actuator/prometheus} is, or
 * null for no scraping
 * @param revenueMetricsUrl the same for revenue-service
 * @param tokenUrl the token endpoint, or null to send no token
 * @param clientId the client id
 * @param clientSecret the client secret (never written anywhere)
 * @param scope the scopes asked for
 * @param model closed or open loop
 * @param duration the measured time
 * @param warmup the warm-up before it
 * @param writes the write mix (may be empty)
 * @param reads the read mix (may be empty)
 * @param customers how many customers the run's creates spread over
 * @param currency the currency of creates and monthly reads
 * @param freshnessEvery one create in how many is sampled for freshness (0: none)
 * @param freshnessPoll the least time between two polls of one sample
 * @param freshnessProbe how a sample is asked about
 * @param settleTimeout how long to wait after the run for samples and backlog
 * @param preload invoices created before the run, unmeasured
 * @param reference how to measure the reference figure
 * @param referenceJdbcUrl the invoice database, or null
 * @param referenceDuration how long the reference runs
 * @param referenceClients its concurrent clients
 * @param referenceAfter whether it runs after the HTTP load (else before)
 * @param report where the JSON report goes (the charts go next to it)
 * @param timeout connect and read timeout of each request
 * @param quiet no progress lines
 * @param bulk a bulk load instead of a run ({@code --bulk-events}), or null
 */
public record LoadOptions(String invoiceUrl, String revenueUrl, String invoiceMetricsUrl, String revenueMetricsUrl,
		String tokenUrl, String clientId, String clientSecret, String scope, LoadModel model, Duration duration,
		Duration warmup, Mix writes, Mix reads, int customers, String currency, int freshnessEvery,
		Duration freshnessPoll, FreshnessProbe freshnessProbe, Duration settleTimeout, long preload,
		Reference reference, String referenceJdbcUrl, Duration referenceDuration, int referenceClients,
		boolean referenceAfter, Path report, Duration timeout, boolean quiet, BulkOptions bulk) {

	/** How the reference figure is measured. */
	public enum Reference {

		/** pgbench when it is on the PATH, otherwise JDBC; skipped for read-only runs. */
		AUTO,
		/** pgbench. */
		PGBENCH,
		/** JDBC. */
		JDBC,
		/** Not at all. */
		OFF

	}

	/** How the freshness tracker asks revenue-service about a sample. */
	public enum FreshnessProbe {

		/**
		 * One request naming the create in {@code Tally-After}: revenue answers once its
		 * projection includes it (or after its read-your-writes timeout, and then the
		 * sample is asked about again).
		 */
		WAIT,
		/** A plain request, repeated every poll interval until the invoice shows. */
		POLL

	}

	/**
	 * The environment variable that may hold the client secret instead of the command
	 * line.
	 */
	public static final String SECRET_VARIABLE = "TALLY_CLIENT_SECRET";

	static final String USAGE = """
			Usage: ./load.sh [options]

			Drives load at a running Tally and reports throughput, latency, freshness and the machine's reference figure.

			Targets
			  --invoice-url URL            invoice-service (default http://localhost:8080)
			  --revenue-url URL            revenue-service (default http://localhost:8082)
			  --invoice-metrics-url URL    where /actuator/prometheus of invoice-service is (default: port 8180 when the
			                               service is on 8080, else the service URL)
			  --revenue-metrics-url URL    the same for revenue-service (default: 8182 for 8082, else the service URL)
			  --no-metrics                 do not scrape the services (no outbox backlog, lag or CPU figures)
			  --token-url URL              OAuth2 token endpoint; with it every request carries a client-credentials token
			  --client-id ID --client-secret SECRET (or the TALLY_CLIENT_SECRET environment variable)
			  --scope "S1 S2"              scopes to ask for (default: invoices:read invoices:write revenue:read)

			Load
			  --connections N              closed loop: N connections, each sends when answered (default 16);
			                               open loop: at most N requests in flight (default 64)
			  --rate R                     open loop: R requests/s on a fixed schedule; latency counts from each
			                               request's slot, so a stalled system cannot hide its stall
			  --duration D                 measured time, e.g. 60s, 2m (default 60s)
			  --warmup D                   unmeasured time before it (default 10s)
			  --mix create=70,update=10,pay=15,delete=5
			                               write operations and their weights (default create=100 unless --reads alone)
			  --reads summary=1,monthly=1,customer=1
			                               read operations and their weights; with --mix, all weights form one draw
			  --customers N                customers the run's creates spread over (default 100)
			  --currency CODE              currency of creates and of monthly reads (default USD)
			  --preload N                  create N invoices first (unmeasured) and wait until revenue shows them
			  --timeout D                  connect/read timeout per request (default 10s)

			Freshness (POST acknowledged -> visible in GET /api/revenue/customers/{id})
			  --freshness-sample N         sample 1 create in N (default 20; 0: off)
			  --freshness-probe wait|poll  wait: one request per sample with Tally-After <invoiceId>:<version>, answered
			                               when revenue includes it (default); poll: plain requests until it shows
			  --freshness-poll D           least time between two requests about one sample (default 1ms)
			  --settle-timeout D           after the run, how long to wait for samples and backlog (default 30s)

			Reference figure (the create transaction straight at PostgreSQL, in a scratch schema)
			  --reference auto|pgbench|jdbc|off   (default auto: pgbench if installed, else JDBC; off for read-only runs)
			  --reference-jdbc-url URL     the invoice database, e.g. jdbc:postgresql://localhost:5432/invoices?user=invoices_owner
			  --stack-dir DIR              a ./run-local.sh state directory (.tally): the database is found there, and
			                               the token endpoint and tally-cli secret when the stack has an auth-server
			  --reference-duration D       (default 10s)     --reference-clients N (default 8)
			  --reference-after            run it after the HTTP load instead of before

			Bulk load (instead of a run: InvoiceCreated events straight to the topic, as invoice-service's relay
			writes them, then a wait until revenue-service's summary counts them; invoice-service never sees
			them, so only on a throw-away stack, for benchmarking the read side)
			  --bulk-events N              write N events
			  --bulk-customers M           new customers they spread over, in turn (default N/10)
			  --bulk-currencies USD,EUR    currencies, drawn evenly (default USD,EUR,GBP)
			  --kafka-bootstrap HOST:PORT  the broker (default with --stack-dir: the stack's)
			  --registry-url URL           the schema registry (default with --stack-dir: the stack's)
			  --kafka-config FILE          Kafka client properties, e.g. SASL (default with --stack-dir: its
			                               kafka/admin-client.properties, when the broker requires SASL)
			  --topic NAME                 (default invoice-events)
			  --no-wait                    only write; do not follow revenue-service
			                               (the wait reads GET /api/revenue/summary at --revenue-url with the token
			                               options, shows the lag from --revenue-metrics-url, and gives up when the
			                               count has not grown for --settle-timeout, here by default 2m)

			Output
			  --report FILE                JSON report (default target/load/report.json); .html and .png next to it
			  --quiet                      no progress line each second
			  --help
			""";

	private static final List<String> FLAGS = List.of("no-metrics", "reference-after", "quiet", "help", "no-wait");

	private static final List<String> VALUED = List.of("invoice-url", "revenue-url", "invoice-metrics-url",
			"revenue-metrics-url", "token-url", "client-id", "client-secret", "scope", "connections", "rate",
			"duration", "warmup", "mix", "reads", "customers", "currency", "preload", "timeout", "freshness-sample",
			"freshness-poll", "freshness-probe", "settle-timeout", "reference", "reference-jdbc-url", "stack-dir",
			"reference-duration", "reference-clients", "report", "bulk-events", "bulk-customers", "bulk-currencies",
			"kafka-bootstrap", "registry-url", "kafka-config", "topic");

	private static final List<String> BULK_ONLY = List.of("bulk-customers", "bulk-currencies", "kafka-bootstrap",
			"registry-url", "kafka-config", "topic", "no-wait");

	private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

	/**
	 * Parses the command line.
	 * @param args the arguments ({@code --name value} or {@code --name=value})
	 * @param environment where {@link #SECRET_VARIABLE} may be
	 * @throws IllegalArgumentException naming the first problem
	 */
	public static LoadOptions parse(String[] args, Map<String, String> environment) {
		Map<String, String> given = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("Unexpected argument '" + arg + "' (options start with --)");
			}
			String name = arg.substring(2);
			String value = null;
			int eq = name.indexOf('=');
			if (eq >= 0) {
				value = name.substring(eq + 1);
				name = name.substring(0, eq);
			}
			if (!FLAGS.contains(name) && !VALUED.contains(name)) {
				throw new IllegalArgumentException("Unknown option --" + name + " (see --help)");
			}
			if (value == null) {
				if (FLAGS.contains(name)) {
					value = "true";
				}
				else if (i + 1 < args.length) {
					value = args[++i];
				}
				else {
					throw new IllegalArgumentException("--" + name + " needs a value");
				}
			}
			given.put(name, value);
		}
		return of(given, environment);
	}

	private static LoadOptions of(Map<String, String> o, Map<String, String> environment) {
		String invoiceUrl = o.getOrDefault("invoice-url", "http://localhost:8080");
		String revenueUrl = o.getOrDefault("revenue-url", "http://localhost:8082");
		Endpoint invoice = endpoint("invoice-url", invoiceUrl);
		Endpoint revenue = endpoint("revenue-url", revenueUrl);
		boolean metrics = !o.containsKey("no-metrics");
		String invoiceMetrics = metrics ? o.getOrDefault("invoice-metrics-url", managementUrl(invoice, 8080, 8180))
				: null;
		String revenueMetrics = metrics ? o.getOrDefault("revenue-metrics-url", managementUrl(revenue, 8082, 8182))
				: null;
		if (invoiceMetrics != null) {
			endpoint("invoice-metrics-url", invoiceMetrics);
		}
		if (revenueMetrics != null) {
			endpoint("revenue-metrics-url", revenueMetrics);
		}

		LocalStackState stack = o.containsKey("stack-dir") ? LocalStackState.read(Path.of(o.get("stack-dir"))) : null;
		String tokenUrl = o.get("token-url");
		String clientId = o.get("client-id");
		String clientSecret = o.getOrDefault("client-secret", environment.get(SECRET_VARIABLE));
		if (tokenUrl == null && clientId == null && stack != null && stack.tokenUrl() != null) {
			// the local stack's own authorization server and its generated tally-cli
			// secret
			tokenUrl = stack.tokenUrl();
			clientId = LocalStackState.CLI_CLIENT;
			clientSecret = stack.cliSecret();
		}
		if (tokenUrl != null) {
			endpoint("token-url", tokenUrl);
			if (clientId == null || clientSecret == null) {
				throw new IllegalArgumentException(
						"--token-url needs --client-id and --client-secret (or " + SECRET_VARIABLE + ")");
			}
		}
		else if (clientId != null) {
			throw new IllegalArgumentException("--client-id needs --token-url");
		}
		String scope = o.getOrDefault("scope", "invoices:read invoices:write revenue:read");

		double rate = positiveDouble(o, "rate", 0);
		int connections = positiveInt(o, "connections", (rate > 0) ? 64 : 16);
		LoadModel model = new LoadModel(connections, rate);
		Duration duration = duration(o, "duration", "60s");
		if (duration.isZero()) {
			throw new IllegalArgumentException("--duration must be more than 0");
		}
		Duration warmup = duration(o, "warmup", "10s");

		Mix reads = o.containsKey("reads") ? mix(o.get("reads"), false) : Mix.none();
		Mix writes = o.containsKey("mix") ? mix(o.get("mix"), true)
				: reads.isEmpty() ? mix("create=100", true) : Mix.none();

		int customers = positiveInt(o, "customers", 100);
		String currency = o.getOrDefault("currency", "USD").trim().toUpperCase(Locale.ROOT);
		if (!currency.matches("[A-Z]{3}")) {
			throw new IllegalArgumentException("--currency must be a three-letter code, got " + currency);
		}
		int freshnessEvery = nonNegativeInt(o, "freshness-sample", 20);
		if (!writes.includes(io.tally.load.workload.Operation.CREATE)) {
			freshnessEvery = 0;
		}
		Duration freshnessPoll = duration(o, "freshness-poll", "1ms");
		FreshnessProbe freshnessProbe;
		try {
			freshnessProbe = FreshnessProbe
				.valueOf(o.getOrDefault("freshness-probe", "wait").trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("--freshness-probe must be wait or poll");
		}
		Duration settleTimeout = duration(o, "settle-timeout", "30s");
		long preload = nonNegativeInt(o, "preload", 0);

		Reference reference;
		try {
			reference = Reference.valueOf(o.getOrDefault("reference", "auto").trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("--reference must be auto, pgbench, jdbc or off");
		}
		String jdbcUrl = o.get("reference-jdbc-url");
		if (jdbcUrl == null && stack != null) {
			jdbcUrl = stack.invoiceJdbcUrl();
		}
		if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:postgresql://")) {
			throw new IllegalArgumentException("--reference-jdbc-url must be a jdbc:postgresql:// URL");
		}
		if ((reference == Reference.PGBENCH || reference == Reference.JDBC) && jdbcUrl == null) {
			throw new IllegalArgumentException("--reference " + reference.name().toLowerCase(Locale.ROOT)
					+ " needs --reference-jdbc-url or --stack-dir");
		}
		Duration referenceDuration = duration(o, "reference-duration", "10s");
		int referenceClients = positiveInt(o, "reference-clients", 8);

		Path report = Path.of(o.getOrDefault("report", "target/load/report.json"));
		Duration timeout = duration(o, "timeout", "10s");
		if (timeout.isZero()) {
			throw new IllegalArgumentException("--timeout must be more than 0");
		}
		return new LoadOptions(invoiceUrl, revenueUrl, invoiceMetrics, revenueMetrics, tokenUrl, clientId, clientSecret,
				scope, model, duration, warmup, writes, reads, customers, currency, freshnessEvery, freshnessPoll,
				freshnessProbe, settleTimeout, preload, reference, jdbcUrl, referenceDuration, referenceClients,
				o.containsKey("reference-after"), report, timeout, o.containsKey("quiet"), bulk(o, stack));
	}

	/** The bulk load {@code --bulk-events} asks for, or null. */
	private static BulkOptions bulk(Map<String, String> o, LocalStackState stack) {
		if (!o.containsKey("bulk-events")) {
			BULK_ONLY.stream().filter(o::containsKey).findFirst().ifPresent((name) -> {
				throw new IllegalArgumentException("--" + name + " belongs to a bulk load: give --bulk-events N");
			});
			return null;
		}
		int events = positiveInt(o, "bulk-events", 0);
		int customers = positiveInt(o, "bulk-customers", BulkOptions.defaultCustomers(events));
		List<String> currencies = o.containsKey("bulk-currencies")
				? List.of(o.get("bulk-currencies").toUpperCase(Locale.ROOT).split("\\s*,\\s*"))
				: BulkOptions.DEFAULT_CURRENCIES;
		String bootstrap = o.get("kafka-bootstrap");
		String registry = o.get("registry-url");
		Path kafkaConfig = o.containsKey("kafka-config") ? Path.of(o.get("kafka-config")) : null;
		if (stack != null) {
			bootstrap = (bootstrap != null) ? bootstrap : stack.kafkaBootstrapServers();
			registry = (registry != null) ? registry : stack.registryUrl();
			kafkaConfig = (kafkaConfig != null) ? kafkaConfig : stack.kafkaClientConfig();
		}
		return new BulkOptions(events, customers, currencies.stream().map(String::trim).toList(),
				o.getOrDefault("topic", BulkOptions.DEFAULT_TOPIC), bootstrap, registry, kafkaConfig,
				!o.containsKey("no-wait"), o.containsKey("settle-timeout") ? duration(o, "settle-timeout", "30s")
						: BulkOptions.DEFAULT_STALL_TIMEOUT);
	}

	/** Whether {@code --help} was asked for. */
	static boolean wantsHelp(String[] args) {
		return List.of(args).contains("--help") || List.of(args).contains("-h");
	}

	/** All operations of the run in one draw. */
	public Mix mix() {
		return this.writes.and(this.reads);
	}

	/** The options as the report shows them: everything but the client secret. */
	public Map<String, Object> describe() {
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("invoiceUrl", this.invoiceUrl);
		config.put("revenueUrl", this.revenueUrl);
		config.put("invoiceMetricsUrl", this.invoiceMetricsUrl);
		config.put("revenueMetricsUrl", this.revenueMetricsUrl);
		config.put("tokenUrl", this.tokenUrl);
		config.put("clientId", this.clientId);
		config.put("scope", (this.tokenUrl != null) ? this.scope : null);
		config.put("connections", this.model.connections());
		config.put("ratePerSecond", this.model.isOpenLoop() ? this.model.ratePerSecond() : null);
		config.put("durationSeconds", this.duration.toMillis() / 1000.0);
		config.put("warmupSeconds", this.warmup.toMillis() / 1000.0);
		config.put("writeMix", this.writes.isEmpty() ? null : this.writes.toString());
		config.put("readMix", this.reads.isEmpty() ? null : this.reads.toString());
		config.put("customers", this.customers);
		config.put("currency", this.currency);
		config.put("freshnessSample", this.freshnessEvery);
		config.put("freshnessPollMs", this.freshnessPoll.toNanos() / 1e6);
		config.put("freshnessProbe", this.freshnessProbe.name().toLowerCase(Locale.ROOT));
		config.put("settleTimeoutSeconds", this.settleTimeout.toMillis() / 1000.0);
		config.put("preload", this.preload);
		config.put("reference", this.reference.name().toLowerCase(Locale.ROOT));
		config.put("referenceDatabase", (this.referenceJdbcUrl != null)
				? io.tally.load.reference.PostgresTarget.parse(this.referenceJdbcUrl).toString() : null);
		config.put("referenceDurationSeconds", this.referenceDuration.toMillis() / 1000.0);
		config.put("referenceClients", this.referenceClients);
		config.put("referenceWhen", this.referenceAfter ? "after" : "before");
		config.put("timeoutSeconds", this.timeout.toMillis() / 1000.0);
		return config;
	}

	/** Never prints the secret. */
	@Override
	public String toString() {
		return "LoadOptions" + describe();
	}

	static Duration parseDuration(String text) {
		Matcher matcher = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
		if (!matcher.matches()) {
			throw new IllegalArgumentException("Not a duration: '" + text + "' (e.g. 500ms, 30s, 2m)");
		}
		double amount = Double.parseDouble(matcher.group(1));
		String unit = (matcher.group(2) != null) ? matcher.group(2) : "s";
		double nanosPerUnit = switch (unit) {
			case "ms" -> 1e6;
			case "m" -> 60e9;
			case "h" -> 3600e9;
			default -> 1e9;
		};
		return Duration.ofNanos(Math.round(amount * nanosPerUnit));
	}

	/**
	 * The management URL: the service's host on {@code management} when it runs on
	 * {@code servicePort}.
	 */
	static String managementUrl(Endpoint service, int servicePort, int management) {
		return (service.port() == servicePort) ? service.withPort(management).url("") : service.url("");
	}

	private static Endpoint endpoint(String option, String url) {
		try {
			return Endpoint.of(url);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("--" + option + ": " + ex.getMessage());
		}
	}

	private static Mix mix(String text, boolean writes) {
		try {
			return Mix.parse(text, writes);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("--" + (writes ? "mix" : "reads") + ": " + ex.getMessage());
		}
	}

	private static Duration duration(Map<String, String> o, String name, String fallback) {
		try {
			return parseDuration(o.getOrDefault(name, fallback));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("--" + name + ": " + ex.getMessage());
		}
	}

	private static int positiveInt(Map<String, String> o, String name, int fallback) {
		int value = nonNegativeInt(o, name, fallback);
		if (value == 0) {
			throw new IllegalArgumentException("--" + name + " must be at least 1");
		}
		return value;
	}

	private static int nonNegativeInt(Map<String, String> o, String name, int fallback) {
		String text = o.get(name);
		if (text == null) {
			return fallback;
		}
		try {
			int value = Integer.parseInt(text.trim().replace("_", ""));
			if (value < 0) {
				throw new IllegalArgumentException("--" + name + " must not be negative");
			}
			return value;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " must be a whole number, got '" + text + "'");
		}
	}

	private static double positiveDouble(Map<String, String> o, String name, double fallback) {
		String text = o.get(name);
		if (text == null) {
			return fallback;
		}
		try {
			double value = Double.parseDouble(text.trim().replaceFirst("/s$", ""));
			if (!(value > 0) || Double.isInfinite(value)) {
				throw new IllegalArgumentException("--" + name + " must be more than 0");
			}
			return value;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " must be a number, got '" + text + "'");
		}
	}

}
