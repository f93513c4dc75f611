package io.tally.revenue.projection.rebuild;

/**
 * This instance's live projection listener, paused while a rebuild switches (implemented
 * by the Kafka adapter).
 */
public interface LiveListener {

	/** Asks the listener to pause after its current batch. */
	void pause();

	/**
	 * Whether it has stopped applying (paused, or not running at all) and committed what
	 * it applied.
	 */
	boolean isPaused();

	void resume();

	/** {@code RUNNING}, {@code PAUSED} or {@code STOPPED}, for the status page. */
	String state();

}
