package io.tally.revenue.revenue;

/** This instance already serves its maximum number of stream subscribers. */
public class StreamFull extends RuntimeException {

	StreamFull(int maxClients) {
		super("This instance already streams to " + maxClients + " subscribers; retry later or on another instance");
	}

}
