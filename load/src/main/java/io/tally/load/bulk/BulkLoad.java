package io.tally.load.bulk;

import java.io.IOException;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.tally.load.http.HttpConnection;
import io.tally.load.http.Response;
import io.tally.load.measure.ServiceMetrics;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A bulk load: {@code InvoiceCreated} events straight to the topic (invoice-service is
 * bypassed), a progress line each second, then — unless told not to — a wait until
 * revenue-service's summary counts every one of them, with the apply rate.
 */
public final class BulkLoad {

	static final String SUMMARY = "/api/revenue/summary";

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	private static final long POLL = TimeUnit.MILLISECONDS.toNanos(200);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final BulkOptions options;

	private final HttpConnection revenue;

	private final ServiceMetrics metrics;

	private final PrintStream out;

	private volatile BulkWriter writer;

	private volatile boolean stopped;

	/**
	 * A bulk load.
	 * @param options what to write and where
	 * @param revenue revenue-service's API (with a token when it needs one)
	 * @param metrics revenue-service's metrics for the consumer lag, or null
	 * @param out where progress goes
	 */
	public BulkLoad(BulkOptions options, HttpConnection revenue, ServiceMetrics metrics, PrintStream out) {
		this.options = options;
		this.revenue = revenue;
		this.metrics = metrics;
		this.out = out;
	}

	/** Ends sending (Ctrl-C); what was sent is still awaited and reported. */
	public void stop() {
		this.stopped = true;
		BulkWriter running = this.writer;
		if (running != null) {
			running.stop();
		}
	}

	/**
	 * Writes, reports, waits.
	 * @throws IllegalStateException when a step fails, naming it
	 */
	public void run() throws InterruptedException {
		BulkOptions o = this.options;
		this.out.printf(Locale.ROOT,
				"Bulk load: %,d InvoiceCreated events for %,d new customers in %s, straight to topic %s at %s "
						+ "(registry %s), changedBy %s.%n"
						+ "They bypass invoice-service (its tables will not hold them): for benchmarking the read side "
						+ "on a throw-away stack.%n",
				o.events(), o.customers(), String.join(",", o.currencies()), o.topic(), o.bootstrapServers(),
				o.registryUrl(), BulkInvoices.CHANGED_BY);
		long before = 0;
		if (o.await()) {
			before = invoicesBefore();
			this.out.printf(Locale.ROOT, "Revenue: %,d invoices in the books before the load%n", before);
		}
		BulkInvoices invoices = new BulkInvoices(o.customers(), o.currencies(), Clock.systemUTC(),
				new SplittableRandom(new SecureRandom().nextLong()));
		BulkWriter.Result result;
		long writeStarted;
		try (BulkWriter bulk = new BulkWriter(o.bootstrapServers(), o.registryUrl(), o.kafkaProperties(), o.topic())) {
			BulkWriter.Target target;
			try {
				target = bulk.prepare();
			}
			catch (RuntimeException ex) {
				throw new IllegalStateException("Cannot write to topic " + o.topic() + " at " + o.bootstrapServers()
						+ ": " + ex.getMessage() + " (is the broker reachable, does the topic exist — invoice-service "
						+ "creates it when it starts — and may this client write it: --kafka-config?)", ex);
			}
			this.out.printf(Locale.ROOT, "Topic %s: %d partitions; InvoiceCreated schema id %d%n", target.topic(),
					target.partitions(), target.schemaId());
			this.writer = bulk;
			if (this.stopped) {
				bulk.stop();
			}
			writeStarted = System.nanoTime();
			ScheduledExecutorService progress = progressLine(bulk, writeStarted);
			try {
				result = bulk.write(o.events(), invoices::next);
			}
			finally {
				progress.shutdownNow();
				progress.awaitTermination(5, TimeUnit.SECONDS);
			}
		}
		this.out.printf(Locale.ROOT, "Sent: %,d events acknowledged in %.1f s: %,.0f events/s%n", result.acknowledged(),
				result.elapsedNanos() / 1e9, result.perSecond());
		if (result.failure() != null) {
			throw new IllegalStateException("Sending stopped after " + result.acknowledged() + " acknowledged events ("
					+ result.failed() + " failed): " + result.failure().getMessage(), result.failure());
		}
		if (!o.await() || result.acknowledged() == 0) {
			return;
		}
		awaitApplied(before, result.acknowledged(), writeStarted, writeStarted + result.elapsedNanos());
	}

	private ScheduledExecutorService progressLine(BulkWriter bulk, long started) {
		ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "bulk-progress");
			thread.setDaemon(true);
			return thread;
		});
		long[] previous = { 0, 0, started };
		// with a fixed delay, and rates over the time that really passed: on a starved
		// machine a late tick neither comes in a burst nor shows a wrong rate
		progress.scheduleWithFixedDelay(() -> {
			long now = System.nanoTime();
			long sent = bulk.sent();
			long acknowledged = bulk.acknowledged();
			double seconds = Math.max(1e-9, (now - previous[2]) / 1e9);
			this.out.printf(Locale.ROOT, "%5d s  sent %,9.0f/s  acknowledged %,9.0f/s  %,d of %,d%s%n",
					Math.round((now - started) / 1e9), (sent - previous[0]) / seconds,
					(acknowledged - previous[1]) / seconds, acknowledged, this.options.events(),
					(bulk.failed() > 0) ? "  failed " + bulk.failed() : "");
			previous[0] = sent;
			previous[1] = acknowledged;
			previous[2] = now;
		}, 1, 1, TimeUnit.SECONDS);
		return progress;
	}

	private void awaitApplied(long before, long written, long writeStarted, long writeEnded)
			throws InterruptedException {
		long target = before + written;
		this.out.printf(Locale.ROOT, "Waiting until revenue-service shows %,d invoices (%,d + %,d) …%n", target, before,
				written);
		long[] printed = { writeStarted, before };
		AppliedWatch watch = new AppliedWatch(this::invoicesInBooks, System::nanoTime, (nanos) -> {
			if (this.stopped) {
				throw new InterruptedException("stopped");
			}
			TimeUnit.NANOSECONDS.sleep(nanos);
		}, POLL, this.options.stallTimeout().toNanos());
		long reached;
		try {
			reached = watch.await(target, (count, at) -> {
				if (at - printed[0] >= SECOND) {
					progress(count - before, written, (count - printed[1]) * 1e9 / (at - printed[0]),
							at - writeStarted);
					printed[0] = at;
					printed[1] = count;
				}
			});
		}
		catch (IOException ex) {
			throw new IllegalStateException("Revenue did not show the load: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			if (this.stopped) {
				this.out.println("Stopped while waiting for revenue-service");
				return;
			}
			throw ex;
		}
		double seconds = (reached - writeStarted) / 1e9;
		this.out
			.printf(Locale.ROOT,
					"Applied: %,d events in %.1f s (%,.0f/s), counted from the first send; the last %.1f s after the "
							+ "last acknowledgement%n",
					written, seconds, written / seconds, (reached - writeEnded) / 1e9);
	}

	private void progress(long applied, long written, double perSecond, long sinceStart) {
		String lag = "";
		if (this.metrics != null) {
			ServiceMetrics.Snapshot snapshot = this.metrics.scrape();
			lag = String.format(Locale.ROOT, "  lag %s  revenue cpu %s",
					(snapshot.consumerLag() != null) ? String.format(Locale.ROOT, "%,.0f", snapshot.consumerLag())
							: "n/a",
					(snapshot.revenueCpuCores() != null)
							? String.format(Locale.ROOT, "%.2f", snapshot.revenueCpuCores()) : "n/a");
		}
		this.out.printf(Locale.ROOT, "%5d s  applied %,9d/s  %,d of %,d%s%n", Math.round(sinceStart / 1e9),
				Math.round(perSecond), applied, written, lag);
	}

	/** The invoices the summary counts over all currencies, for the baseline. */
	private long invoicesBefore() {
		try {
			return invoicesInBooks();
		}
		catch (IOException ex) {
			throw new IllegalStateException(
					"Revenue before the load: " + ex.getMessage() + " (--no-wait writes without following it)", ex);
		}
	}

	/** The invoices the summary counts over all currencies. */
	private long invoicesInBooks() throws IOException {
		Response response = this.revenue.get(SUMMARY);
		if (response.status() != 200) {
			throw new IOException("GET " + this.revenue.endpoint().url(SUMMARY) + " answered " + response.status()
					+ ((response.status() == 401 || response.status() == 403)
							? " (a token: --stack-dir, or --token-url with --client-id)" : ""));
		}
		return invoiceCount(response.text());
	}

	/** The sum of {@code totals[].invoiceCount} of a summary. */
	static long invoiceCount(String summary) throws IOException {
		JsonNode totals;
		try {
			totals = JSON.readTree(summary).path("totals");
		}
		catch (JacksonException ex) {
			throw new IOException("The revenue summary is no JSON: " + ex.getOriginalMessage(), ex);
		}
		if (!totals.isArray()) {
			throw new IOException("The revenue summary has no totals");
		}
		long count = 0;
		for (JsonNode total : totals) {
			count += total.path("invoiceCount").asLong();
		}
		return count;
	}

}
