package io.tally.load.drive;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;

import io.tally.load.workload.Outcome;
import io.tally.load.workload.Workload;

/**
 * Fills the books before a run, through the invoice API as fast as the connections allow
 * (nothing is measured), then waits until revenue shows every created invoice. Also used
 * to give each of the run's customers data before {@code customer} reads.
 */
public final class Preload {

	private final Workload workload;

	private final List<UUID> customers;

	private final int connections;

	/**
	 * A preload.
	 * @param workload how to create
	 * @param customers the customers to spread invoices over, round robin
	 * @param connections how many connections create at once
	 */
	public Preload(Workload workload, List<UUID> customers, int connections) {
		this.workload = workload;
		this.customers = List.copyOf(customers);
		this.connections = connections;
	}

	/**
	 * Creates {@code invoices} invoices and waits until revenue shows them all.
	 * @param invoices how many
	 * @param settle how long revenue may take to show them after the last one
	 * @param progress told the count created so far, about once a second
	 * @return the number created (failed creates are not retried)
	 * @throws IOException when revenue does not show them in time
	 */
	public long run(long invoices, Duration settle, Consumer<Long> progress) throws IOException, InterruptedException {
		AtomicLong next = new AtomicLong();
		AtomicLong created = new AtomicLong();
		AtomicLongArray perCustomer = new AtomicLongArray(this.customers.size());
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < this.connections; t++) {
			Thread thread = new Thread(() -> {
				try (Workload.Session session = this.workload.newSession()) {
					for (long i = next.getAndIncrement(); i < invoices; i = next.getAndIncrement()) {
						int customer = (int) (i % this.customers.size());
						if (session.createFor(this.customers.get(customer)).kind() == Outcome.Kind.OK) {
							perCustomer.incrementAndGet(customer);
							created.incrementAndGet();
						}
					}
				}
			}, "preload-" + t);
			thread.setDaemon(true);
			threads.add(thread);
			thread.start();
		}
		for (Thread thread : threads) {
			while (thread.isAlive()) {
				thread.join(1000);
				progress.accept(created.get());
			}
		}
		awaitVisible(perCustomer, settle);
		return created.get();
	}

	private void awaitVisible(AtomicLongArray expected, Duration settle) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + settle.toNanos();
		try (Workload.Session session = this.workload.newSession()) {
			for (int i = 0; i < this.customers.size(); i++) {
				if (expected.get(i) == 0) {
					continue;
				}
				while (session.invoiceCount(this.customers.get(i)) < expected.get(i)) {
					if (System.nanoTime() > deadline) {
						throw new IOException("Revenue did not show all " + expected.get(i) + " invoices of customer "
								+ this.customers.get(i) + " within " + settle.toSeconds() + " s");
					}
					Thread.sleep(100);
				}
			}
		}
	}

}
