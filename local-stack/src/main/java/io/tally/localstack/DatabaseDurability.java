package io.tally.localstack;

import java.util.Map;

/**
 * How PostgreSQL trades safety for speed. The local stack keeps its data across restarts,
 * so {@code ./run-local.sh} runs {@link #DURABLE}; tests whose data is thrown away may
 * choose {@link #FAST} (the embedded library's own defaults are the fast ones, so both
 * are set explicitly).
 */
public enum DatabaseDurability {

	/** Every commit is on disk when acknowledged and survives a machine crash. */
	DURABLE(Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "on")),

	/**
	 * Commits are acknowledged before they reach the disk: a crash may lose or corrupt
	 * data.
	 */
	FAST(Map.of("fsync", "off", "synchronous_commit", "off", "full_page_writes", "off"));

	private final Map<String, String> serverSettings;

	DatabaseDurability(Map<String, String> serverSettings) {
		this.serverSettings = serverSettings;
	}

	/** The PostgreSQL server settings of this level. */
	public Map<String, String> serverSettings() {
		return this.serverSettings;
	}

}
