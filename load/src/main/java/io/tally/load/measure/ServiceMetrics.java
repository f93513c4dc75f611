package io.tally.load.measure;

import java.io.IOException;
import java.time.Duration;
import java.util.function.LongSupplier;

import io.tally.load.http.HttpConnection;
import io.tally.load.http.Response;

/**
 * Scrapes both services' {@code /actuator/prometheus} on its own thread: the outbox
 * backlog ({@code tally_outbox_pending}), the consumer lag, and each service's CPU and
 * JVM memory, so the progress line and the report show where the machine's time goes.
 * <p>
 * Consumer lag: the sum of {@code kafka_consumer_fetch_manager_records_lag} over
 * partitions when the service exposes it; otherwise (revenue-service today)
 * {@code kafka_consumer_fetch_manager_records_lag_max}, Kafka's windowed maximum, which
 * lags behind by up to a minute when a backlog clears.
 */
public final class ServiceMetrics implements AutoCloseable {

	static final String OUTBOX_PENDING = "tally_outbox_pending";

	static final String RECORDS_LAG = "kafka_consumer_fetch_manager_records_lag";

	static final String RECORDS_LAG_MAX = "kafka_consumer_fetch_manager_records_lag_max";

	static final String CPU_TIME = "process_cpu_time_ns_total";

	static final String MEMORY_USED = "jvm_memory_used_bytes";

	/**
	 * One scrape of both services; a null figure was not available.
	 *
	 * @param outboxPending invoice-service's outbox backlog
	 * @param consumerLag revenue-service's consumer lag, in records
	 * @param invoiceCpuCores CPU used by invoice-service since the previous scrape, in
	 * cores
	 * @param revenueCpuCores the same for revenue-service
	 * @param invoiceMemoryBytes invoice-service's JVM memory in use (heap and non-heap)
	 * @param revenueMemoryBytes the same for revenue-service
	 */
	public record Snapshot(Double outboxPending, Double consumerLag, Double invoiceCpuCores, Double revenueCpuCores,
			Double invoiceMemoryBytes, Double revenueMemoryBytes) {

		static final Snapshot NONE = new Snapshot(null, null, null, null, null, null);

	}

	private final Target invoice;

	private final Target revenue;

	private final LongSupplier clock;

	private volatile Snapshot latest = Snapshot.NONE;

	private volatile boolean closed;

	private Thread thread;

	/**
	 * Scrapes the given connections (either may be null: not scraped).
	 * @param invoice invoice-service's management endpoint
	 * @param revenue revenue-service's management endpoint
	 * @param clock {@link System#nanoTime()}
	 */
	public ServiceMetrics(HttpConnection invoice, HttpConnection revenue, LongSupplier clock) {
		this.invoice = (invoice != null) ? new Target(invoice) : null;
		this.revenue = (revenue != null) ? new Target(revenue) : null;
		this.clock = clock;
	}

	/**
	 * Scrapes now, on the caller's thread (for a thread already scraping: not
	 * concurrently).
	 */
	public synchronized Snapshot scrape() {
		PrometheusText invoiceText = (this.invoice != null) ? this.invoice.scrape() : null;
		PrometheusText revenueText = (this.revenue != null) ? this.revenue.scrape() : null;
		long now = this.clock.getAsLong();
		Double lag = null;
		if (revenueText != null) {
			lag = revenueText.sum(RECORDS_LAG);
			if (lag == null) {
				lag = revenueText.max(RECORDS_LAG_MAX);
			}
		}
		Snapshot snapshot = new Snapshot((invoiceText != null) ? invoiceText.sum(OUTBOX_PENDING) : null, lag,
				(this.invoice != null) ? this.invoice.cpuCores(invoiceText, now) : null,
				(this.revenue != null) ? this.revenue.cpuCores(revenueText, now) : null,
				(invoiceText != null) ? invoiceText.sum(MEMORY_USED) : null,
				(revenueText != null) ? revenueText.sum(MEMORY_USED) : null);
		this.latest = snapshot;
		return snapshot;
	}

	/** Scrapes every {@code intervalMillis} on a thread of its own. */
	public synchronized void start(long intervalMillis) {
		this.thread = new Thread(() -> {
			while (!this.closed) {
				scrape();
				try {
					Thread.sleep(intervalMillis);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}, "metrics");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/** The latest scrape. */
	public Snapshot latest() {
		return this.latest;
	}

	/** Why invoice-service's metrics could not be read, or null. */
	public String invoiceProblem() {
		return (this.invoice != null) ? this.invoice.problem : "not scraped";
	}

	/** Why revenue-service's metrics could not be read, or null. */
	public String revenueProblem() {
		return (this.revenue != null) ? this.revenue.problem : "not scraped";
	}

	@Override
	public void close() {
		this.closed = true;
		Thread running;
		synchronized (this) {
			running = this.thread;
		}
		Threads.interruptAndJoin(running, Duration.ofSeconds(5));
		synchronized (this) {
			if (this.invoice != null) {
				this.invoice.connection.close();
			}
			if (this.revenue != null) {
				this.revenue.connection.close();
			}
		}
	}

	private static final class Target {

		final HttpConnection connection;

		volatile String problem;

		private double cpuBefore = Double.NaN;

		private long cpuBeforeAt;

		Target(HttpConnection connection) {
			this.connection = connection;
		}

		PrometheusText scrape() {
			try {
				Response response = this.connection.get("/actuator/prometheus");
				if (response.status() != 200) {
					this.problem = this.connection.endpoint().url("/actuator/prometheus") + " answered "
							+ response.status();
					return null;
				}
				this.problem = null;
				return PrometheusText.parse(response.text());
			}
			catch (IOException ex) {
				this.problem = this.connection.endpoint().url("/actuator/prometheus") + ": " + ex.getMessage();
				return null;
			}
		}

		Double cpuCores(PrometheusText text, long now) {
			Double cpu = (text != null) ? text.sum(CPU_TIME) : null;
			if (cpu == null) {
				return null;
			}
			Double cores = null;
			if (!Double.isNaN(this.cpuBefore) && now > this.cpuBeforeAt && cpu >= this.cpuBefore) {
				cores = (cpu - this.cpuBefore) / (now - this.cpuBeforeAt);
			}
			this.cpuBefore = cpu;
			this.cpuBeforeAt = now;
			return cores;
		}

	}

}
