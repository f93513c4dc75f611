package io.tally.dashboard.invoices;

import java.util.List;

/**
 * A message shown once after a change (a "toast"), localized when rendered.
 *
 * @param kind {@code success} (announced politely) or {@code error} (announced at once)
 * @param key message key
 * @param arguments message arguments, already formatted
 */
public record Notice(String kind, String key, List<String> arguments) {

	public Notice {
		arguments = List.copyOf(arguments);
	}

	static Notice success(String key, String... arguments) {
		return new Notice("success", key, List.of(arguments));
	}

	static Notice error(String key, String... arguments) {
		return new Notice("error", key, List.of(arguments));
	}

	/** Whether it reports a failure. */
	public boolean isError() {
		return "error".equals(this.kind);
	}

	/** The arguments as the message source takes them. */
	public Object[] args() {
		return this.arguments.toArray();
	}

}
