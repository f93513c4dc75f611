package io.tally.load;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The command line of the load harness ({@code ./load.sh --help}): exit code 0 after a
 * run (its errors are in the report), 1 when the run could not be made, 2 for a bad
 * command line.
 */
public final class LoadMain {

	private LoadMain() {
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
		LoadRun run = new LoadRun(options, System.out);
		CountDownLatch finished = new CountDownLatch(1);
		Thread interrupt = new Thread(() -> {
			// Ctrl-C: stop sending, still write the report
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

}
