package io.tally.load;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.tally.load.bulk.BulkLoad;
import io.tally.load.http.Authorization;
import io.tally.load.http.Endpoint;
import io.tally.load.http.HttpConnection;
import io.tally.load.measure.ServiceMetrics;

/**
 * The command line of the load harness ({@code ./load.sh --help}): exit code 0 after a
 * run (its errors are in the report) or a bulk load, 1 when the run or the load could not
 * be made, 2 for a bad command line.
 */
public final class LoadMain {

	private LoadMain() {
	}

	/** What a Ctrl-C stops: a run or a bulk load. */
	private interface Stoppable {

		void run() throws Exception;

		void stop();

	}

	public static void main(String[] args) throws Exception {
		if (LoadOptions.wantsHelp(args)) {
			System.out.print(LoadOptions.USAGE);
			return;
		}
		LoadOptions options;
		try {
			options = LoadOptions.parse(args, System.getenv());
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println("./load.sh --help lists the options");
			System.exit(2);
			return;
		}
		Stoppable run;
		if (options.bulk() != null) {
			run = bulk(options);
		}
		else {
			LoadRun loadRun = new LoadRun(options, System.out);
			run = new Stoppable() {
				@Override
				public void run() throws Exception {
					loadRun.run();
				}

				@Override
				public void stop() {
					loadRun.stop();
				}
			};
		}
		CountDownLatch finished = new CountDownLatch(1);
		Thread interrupt = new Thread(() -> {
			// Ctrl-C: stop sending, still write the report (or the bulk load's figures)
			run.stop();
			try {
				finished.await(2, TimeUnit.MINUTES);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "load-stop");
		Runtime.getRuntime().addShutdownHook(interrupt);
		try {
			run.run();
		}
		catch (IllegalStateException ex) {
			System.err.println(ex.getMessage());
			finished.countDown();
			System.exit(1);
		}
		finally {
			finished.countDown();
		}
	}

	/**
	 * A bulk load, following revenue-service with the run's own token and metrics
	 * options.
	 */
	private static Stoppable bulk(LoadOptions options) throws Exception {
		int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, options.timeout().toMillis());
		boolean await = options.bulk().await();
		Authorization authorization = await ? LoadRun.authorization(options, System.out) : Authorization.NONE;
		HttpConnection revenue = new HttpConnection(Endpoint.of(options.revenueUrl()), timeoutMillis, authorization);
		ServiceMetrics metrics = (await && options.revenueMetricsUrl() != null) ? new ServiceMetrics(null,
				new HttpConnection(Endpoint.of(options.revenueMetricsUrl()), timeoutMillis, authorization),
				System::nanoTime) : null;
		BulkLoad load = new BulkLoad(options.bulk(), revenue, metrics, System.out);
		return new Stoppable() {
			@Override
			public void run() throws Exception {
				try {
					load.run();
				}
				finally {
					revenue.close();
					if (metrics != null) {
						metrics.close();
					}
				}
			}

			@Override
			public void stop() {
				load.stop();
			}
		};
	}

}
