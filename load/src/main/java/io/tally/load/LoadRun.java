package io.tally.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import io.tally.load.drive.Driver;
import io.tally.load.drive.Preload;
import io.tally.load.http.AccessTokens;
import io.tally.load.http.Authorization;
import io.tally.load.http.ClientCredentials;
import io.tally.load.http.Endpoint;
import io.tally.load.http.HttpConnection;
import io.tally.load.measure.FreshnessTracker;
import io.tally.load.measure.ServiceMetrics;
import io.tally.load.measure.Stats;
import io.tally.load.measure.Timeline;
import io.tally.load.reference.PostgresTarget;
import io.tally.load.reference.ReferenceTransaction;
import io.tally.load.report.ProgressLine;
import io.tally.load.report.ReportWriter;
import io.tally.load.report.RunReport;
import io.tally.load.report.Settle;
import io.tally.load.report.SummaryText;
import io.tally.load.workload.Customers;
import io.tally.load.workload.Operation;
import io.tally.load.workload.Workload;

/**
 * One run of the harness, in order: token, reachability, reference figure (before),
 * preload and customers, warm-up and measurement with a progress line each second, the
 * pipeline settling, reference figure (after), report.
 */
public final class LoadRun {

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	/**
	 * Threads polling revenue for freshness samples at the same time: at 500 creates/s
	 * and one in 20 sampled, 25 samples arrive each second, each needing a few polls.
	 */
	private static final int FRESHNESS_POLLERS = 4;

	/**
	 * Threads waiting on revenue for freshness samples at the same time: each holds its
	 * sample until the projection includes it, so a stall of a second at 25 samples a
	 * second still finds a free thread.
	 */
	private static final int FRESHNESS_WAITERS = 32;

	private final LoadOptions options;

	private final PrintStream out;

	private volatile boolean stopRequested;

	private volatile Driver driver;

	/** A run with {@code options}, printing to {@code out}. */
	public LoadRun(LoadOptions options, PrintStream out) {
		this.options = options;
		this.out = out;
	}

	/** Ends the measurement early (Ctrl-C); the report is still written. */
	public void stop() {
		this.stopRequested = true;
		Driver running = this.driver;
		if (running != null) {
			running.stop();
		}
	}

	/** Runs and writes the report; returns it. */
	public RunReport run() throws Exception {
		LoadOptions o = this.options;
		Map<String, Object> config = o.describe();
		config.put("startedAt", Instant.now().toString());
		Endpoint invoices = Endpoint.of(o.invoiceUrl());
		Endpoint revenue = Endpoint.of(o.revenueUrl());
		int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, o.timeout().toMillis());
		Authorization authorization = authorization();
		this.out.printf("Tally load: %s; mix %s; against %s and %s%n", o.model(), o.mix(), invoices, revenue);
		boolean customerReads = o.mix().includes(Operation.CUSTOMER);
		if (o.writes().hasWrites() || customerReads || o.preload() > 0) {
			requireAnswer("invoice-service", invoices, timeoutMillis, authorization);
		}
		requireAnswer("revenue-service", revenue, timeoutMillis, authorization);

		ReferenceTransaction.Result reference = null;
		String referenceNote = referenceSkipped();
		if (referenceNote == null && !o.referenceAfter()) {
			reference = reference();
		}

		AtomicReference<Timeline> timeline = new AtomicReference<>();
		Customers customers = new Customers(o.customers());
		FreshnessTracker freshness = null;
		// one connection per polling thread, opened once the workload exists (the tracker
		// is the workload's sampler, so it comes first)
		List<Workload.Session> probeSessions = new ArrayList<>();
		Workload workload;
		if (o.freshnessEvery() > 0) {
			boolean wait = o.freshnessProbe() == LoadOptions.FreshnessProbe.WAIT;
			List<FreshnessTracker.Probe> probes = new ArrayList<>();
			for (int i = 0; i < (wait ? FRESHNESS_WAITERS : FRESHNESS_POLLERS); i++) {
				int prober = i;
				probes
					.add((customer, change) -> probeSessions.get(prober).invoiceCount(customer, wait ? change : null));
			}
			freshness = new FreshnessTracker(probes, System::nanoTime, o.freshnessPoll().toNanos(),
					o.settleTimeout().toNanos(), (at) -> timeline.get() != null && timeline.get().isMeasured(at));
			workload = new Workload(invoices, revenue, authorization, timeoutMillis, customers, o.currency(),
					o.freshnessEvery(), freshness);
			for (int i = 0; i < probes.size(); i++) {
				probeSessions.add(workload.newSession());
			}
		}
		else {
			workload = new Workload(invoices, revenue, authorization, timeoutMillis, customers, o.currency(), 0,
					(customer, change, at) -> {
					});
		}
		prepare(workload, customers, customerReads);

		ServiceMetrics metrics = metrics(authorization, timeoutMillis);
		Stats stats = new Stats();
		long start = System.nanoTime();
		long measureFrom = start + o.warmup().toNanos();
		long end = measureFrom + o.duration().toNanos();
		Timeline line = new Timeline(start, measureFrom, end, stats, freshness, metrics);
		timeline.set(line);
		if (freshness != null) {
			freshness.start();
		}
		if (metrics != null) {
			metrics.start(1000);
		}
		Driver load = new Driver(o.model(), o.mix(), workload, stats);
		this.driver = load;
		load.start(start, end);
		if (this.stopRequested) {
			load.stop();
		}
		this.out.printf("Running: warm-up %s, then %s measured%n", seconds(o.warmup()), seconds(o.duration()));
		long endedAt = tick(line, load, freshness, start, measureFrom, end);
		load.awaitDone();
		// requests that were in flight at the end: recorded, never measured
		line.tick(endedAt + 1, System.nanoTime());
		Settle settle = settle(freshness, metrics, endedAt);
		if (metrics != null) {
			metrics.close();
		}
		if (freshness != null) {
			freshness.close();
			probeSessions.forEach(Workload.Session::close);
		}

		if (referenceNote == null && o.referenceAfter()) {
			if (this.stopRequested) {
				referenceNote = "the run was stopped before the reference figure";
			}
			else {
				reference = reference();
			}
		}
		if (reference == null && referenceNote == null) {
			referenceNote = "the reference run failed (see above)";
		}
		RunReport report = new RunReport(config, Machine.describe(), o.model().toString(), o.model().ratePerSecond(),
				o.warmup().toNanos() / 1e9, line.measuredSeconds(), this.stopRequested, load.unsent(endedAt),
				line.points(), line.results(), line.total(), (freshness != null) ? freshness.result() : null,
				o.freshnessEvery(), settle, reference, referenceNote);
		List<Path> files = ReportWriter.write(report, o.report());
		this.out.println();
		this.out.print(SummaryText.of(report));
		this.out.println("Report: " + String.join(", ", files.stream().map(Path::toString).toList()));
		return report;
	}

	private Authorization authorization() throws IOException {
		return authorization(this.options, this.out);
	}

	/**
	 * The token of every request: none without {@code --token-url}; else a
	 * client-credentials token, fetched now (to fail fast with the token endpoint's own
	 * words) and renewed before it expires.
	 */
	static Authorization authorization(LoadOptions options, PrintStream out) throws IOException {
		if (options.tokenUrl() == null) {
			return Authorization.NONE;
		}
		AccessTokens tokens = new AccessTokens(new ClientCredentials(URI.create(options.tokenUrl()), options.clientId(),
				options.clientSecret(), options.scope()), Clock.systemUTC());
		tokens.header();
		out.printf("Token: client %s, scopes %s (renewed before expiry)%n", options.clientId(), options.scope());
		return tokens;
	}

	private static void requireAnswer(String name, Endpoint endpoint, int timeoutMillis, Authorization authorization) {
		try (HttpConnection connection = new HttpConnection(endpoint, timeoutMillis, authorization)) {
			connection.get("/");
		}
		catch (IOException ex) {
			throw new IllegalStateException(name + " does not answer at " + endpoint + ": " + ex.getMessage(), ex);
		}
	}

	/** Why there is no reference figure, or null when there will be one. */
	private String referenceSkipped() {
		LoadOptions o = this.options;
		if (o.reference() == LoadOptions.Reference.OFF) {
			return "--reference off";
		}
		if (o.referenceJdbcUrl() == null) {
			return "no --reference-jdbc-url or --stack-dir";
		}
		if (o.reference() == LoadOptions.Reference.AUTO && !o.writes().hasWrites()) {
			return "read-only run (ask for it with --reference pgbench or jdbc)";
		}
		return null;
	}

	private ReferenceTransaction.Result reference() {
		LoadOptions o = this.options;
		ReferenceTransaction.Method method = switch (o.reference()) {
			case PGBENCH -> ReferenceTransaction.Method.PGBENCH;
			case JDBC -> ReferenceTransaction.Method.JDBC;
			default -> ReferenceTransaction.pgbenchAvailable() ? ReferenceTransaction.Method.PGBENCH
					: ReferenceTransaction.Method.JDBC;
		};
		PostgresTarget target = PostgresTarget.parse(o.referenceJdbcUrl());
		this.out.printf("Reference: the create transaction straight at %s, %s, %d clients, %s …%n", target,
				method.name().toLowerCase(Locale.ROOT), o.referenceClients(), seconds(o.referenceDuration()));
		try {
			ReferenceTransaction.Result result = new ReferenceTransaction(target).run(method, o.referenceClients(),
					o.referenceDuration());
			this.out.printf(Locale.ROOT, "Reference: %,.0f tx/s (%s)%n", result.perSecond(), result.method());
			return result;
		}
		catch (Exception ex) {
			this.out.println("Reference: failed, no reference figure in this run: " + ex.getMessage());
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			return null;
		}
	}

	/** Preload, and customers with data for {@code customer} reads. */
	private void prepare(Workload workload, Customers customers, boolean customerReads) throws Exception {
		LoadOptions o = this.options;
		int connections = Math.min(o.model().connections(), 16);
		Duration settle = o.settleTimeout().plusSeconds(30);
		if (o.preload() > 0) {
			this.out.printf("Preload: creating %,d invoices for %d customers …%n", o.preload(), customers.own().size());
			long created = new Preload(workload, customers.own(), connections).run(o.preload(), settle,
					(count) -> this.out.printf("Preload: %,d created%n", count));
			this.out.printf("Preload: %,d invoices created and visible in revenue%n", created);
			customers.addWithData(customers.own());
		}
		if (!customerReads || !customers.withData().isEmpty()) {
			return;
		}
		if (!o.writes().hasWrites()) {
			// a read-only run changes nothing if the books already have customers
			List<UUID> found = existingCustomers(workload);
			if (!found.isEmpty()) {
				customers.addWithData(found);
				this.out.printf("Customer reads: %d customers of the newest invoices in the books%n", found.size());
				return;
			}
		}
		this.out.printf("Customer reads: one invoice for each of %d new customers …%n", customers.own().size());
		new Preload(workload, customers.own(), connections).run(customers.own().size(), settle, (count) -> {
		});
		customers.addWithData(customers.own());
	}

	private List<UUID> existingCustomers(Workload workload) {
		List<UUID> visible = new ArrayList<>();
		try (Workload.Session session = workload.newSession()) {
			for (UUID customer : session.recentCustomers()) {
				if (session.invoiceCount(customer) >= 0) {
					visible.add(customer);
				}
			}
		}
		catch (IOException ex) {
			this.out.println("Customer reads: could not list the books' customers (" + ex.getMessage() + ")");
		}
		return visible;
	}

	private ServiceMetrics metrics(Authorization authorization, int timeoutMillis) {
		LoadOptions o = this.options;
		if (o.invoiceMetricsUrl() == null && o.revenueMetricsUrl() == null) {
			return null;
		}
		ServiceMetrics metrics = new ServiceMetrics(connection(o.invoiceMetricsUrl(), timeoutMillis, authorization),
				connection(o.revenueMetricsUrl(), timeoutMillis, authorization), System::nanoTime);
		metrics.scrape();
		if (metrics.invoiceProblem() != null) {
			this.out.println("Metrics: no outbox backlog or invoice-service CPU (" + metrics.invoiceProblem()
					+ "); --invoice-metrics-url names the management port");
		}
		if (metrics.revenueProblem() != null) {
			this.out.println("Metrics: no consumer lag or revenue-service CPU (" + metrics.revenueProblem()
					+ "); --revenue-metrics-url names the management port");
		}
		return metrics;
	}

	private static HttpConnection connection(String url, int timeoutMillis, Authorization authorization) {
		return (url != null) ? new HttpConnection(Endpoint.of(url), timeoutMillis, authorization) : null;
	}

	/**
	 * Ticks at every second, at the end of the warm-up and at the end; prints the
	 * progress line. Returns when the run ended.
	 */
	private long tick(Timeline timeline, Driver load, FreshnessTracker freshness, long start, long measureFrom,
			long end) {
		TreeSet<Long> boundaries = new TreeSet<>();
		for (long at = start + SECOND; at < end; at += SECOND) {
			boundaries.add(at);
		}
		boundaries.add(measureFrom);
		boundaries.add(end);
		boundaries.remove(start);
		for (long boundary : boundaries) {
			for (long wait = boundary - System.nanoTime(); wait > 0
					&& !this.stopRequested; wait = boundary - System.nanoTime()) {
				LockSupport.parkNanos(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(50)));
			}
			if (this.stopRequested) {
				long now = System.nanoTime();
				timeline.stoppedAt(now);
				load.stop();
				print(timeline.tick(Math.min(now, end), now), timeline, load, freshness);
				return now;
			}
			print(timeline.tick(boundary, System.nanoTime()), timeline, load, freshness);
		}
		return end;
	}

	private void print(Timeline.Point point, Timeline timeline, Driver load, FreshnessTracker freshness) {
		if (this.options.quiet()) {
			return;
		}
		double measured = Math.max(0,
				Math.min(point.at() - this.options.warmup().toNanos() / 1e9, timeline.measuredSeconds()));
		this.out.println(ProgressLine.of(point, timeline.total(), measured, load.behind(System.nanoTime()),
				(freshness != null) ? freshness.outstanding() : -1));
	}

	/** Waits for the freshness samples and the outbox backlog after the run. */
	private Settle settle(FreshnessTracker freshness, ServiceMetrics metrics, long endedAt)
			throws InterruptedException {
		// after Ctrl-C only a short look: the user wants the report, not a wait
		Duration timeout = this.stopRequested ? Duration.ofSeconds(2) : this.options.settleTimeout();
		long deadline = System.nanoTime() + timeout.toNanos();
		ServiceMetrics.Snapshot atEnd = (metrics != null) ? metrics.scrape() : null;
		Double outboxEmptyAfter = null;
		boolean outboxKnown = atEnd != null && atEnd.outboxPending() != null;
		while (System.nanoTime() < deadline) {
			boolean samplesDone = freshness == null || freshness.outstanding() == 0;
			if (outboxKnown && outboxEmptyAfter == null) {
				ServiceMetrics.Snapshot now = metrics.scrape();
				if (now.outboxPending() != null && now.outboxPending() == 0) {
					outboxEmptyAfter = (double) TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - endedAt);
				}
			}
			if (samplesDone && (!outboxKnown || outboxEmptyAfter != null)) {
				break;
			}
			Thread.sleep(100);
		}
		Double lastSample = null;
		if (freshness != null && freshness.lastVisibleNanos() != 0) {
			lastSample = (double) TimeUnit.NANOSECONDS.toMillis(freshness.lastVisibleNanos() - endedAt);
		}
		return new Settle(lastSample, outboxEmptyAfter, (atEnd != null) ? atEnd.outboxPending() : null,
				(atEnd != null) ? atEnd.consumerLag() : null);
	}

	private static String seconds(Duration duration) {
		long millis = duration.toMillis();
		return (millis % 1000 == 0) ? (millis / 1000) + " s" : millis + " ms";
	}

}
