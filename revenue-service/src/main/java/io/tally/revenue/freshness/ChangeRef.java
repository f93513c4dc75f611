package io.tally.revenue.freshness;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One invoice change a reader wants to see included: the invoice and the version its
 * change produced (the version invoice-service returns and sends as ETag).
 *
 * @param invoiceId the invoice
 * @param version the version that must be applied, or a newer one
 */
public record ChangeRef(UUID invoiceId, long version) {

	/** Request header naming the changes a read must include. */
	public static final String HEADER = "Tally-After";

	static final int MAX_REFS = 50;

	/**
	 * Parses {@code <invoiceId>:<version>[, …]}.
	 * @throws IllegalArgumentException with a message for the client
	 */
	public static List<ChangeRef> parseAll(String header) {
		List<ChangeRef> refs = new ArrayList<>();
		for (String part : header.split(",")) {
			String ref = part.trim();
			int colon = ref.indexOf(':');
			if (colon < 0) {
				throw invalid();
			}
			try {
				long version = Long.parseLong(ref.substring(colon + 1));
				if (version < 1) {
					throw invalid();
				}
				refs.add(new ChangeRef(UUID.fromString(ref.substring(0, colon)), version));
			}
			catch (IllegalArgumentException ex) {
				throw invalid();
			}
		}
		if (refs.size() > MAX_REFS) {
			throw new IllegalArgumentException(HEADER + " names at most " + MAX_REFS + " changes");
		}
		return refs;
	}

	private static IllegalArgumentException invalid() {
		return new IllegalArgumentException(
				HEADER + " must be a list of <invoiceId>:<version>, e.g. 0b9b6a3e-6a53-4c63-8a36-5d8b1f0e2c11:3");
	}

}
