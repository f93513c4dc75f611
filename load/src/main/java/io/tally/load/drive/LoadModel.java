package io.tally.load.drive;

/**
 * How requests are sent.
 *
 * @param connections closed loop: the number of connections, each sending its next
 * request when the previous one is answered; open loop: the most requests in flight
 * @param ratePerSecond open loop: requests per second on a fixed schedule, latency
 * measured from each request's slot in the schedule; 0 for closed loop
 */
public record LoadModel(int connections, double ratePerSecond) {

	public LoadModel {
		if (connections < 1) {
			throw new IllegalArgumentException("At least one connection is needed, got " + connections);
		}
		if (ratePerSecond < 0 || Double.isNaN(ratePerSecond) || Double.isInfinite(ratePerSecond)) {
			throw new IllegalArgumentException("The rate must be positive, got " + ratePerSecond);
		}
	}

	/** Whether requests follow a fixed schedule. */
	public boolean isOpenLoop() {
		return this.ratePerSecond > 0;
	}

	@Override
	public String toString() {
		return isOpenLoop() ? String.format(java.util.Locale.ROOT, "%.0f requests/s on up to %d connections",
				this.ratePerSecond, this.connections) : this.connections + " connections, closed loop";
	}

}
