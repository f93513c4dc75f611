package io.tally.support.security;

/**
 * The header rules of Spring Security's {@code StrictHttpFirewall} — every character
 * assigned in Unicode and not a control character (a tab allowed in values) — checked
 * with a loop over the code points instead of the firewall's regular expressions. The
 * firewall checks a header each time the application reads it, and the bearer token is
 * read several times per request: matching its ~1 KB against the expressions took a
 * quarter to two fifths of an authenticated request's JFR samples in the first minutes
 * after a start, before the JIT had compiled the matcher, and 1–3 % once it had (issue
 * 12); the loop costs little either way. {@code HeaderCharactersTest} holds these to the
 * firewall's own predicates.
 */
final class HeaderCharacters {

	private HeaderCharacters() {
	}

	/** What {@code StrictHttpFirewall.ALLOWED_HEADER_NAMES} allows. */
	static boolean isAllowedName(String name) {
		return allowed(name, false);
	}

	/** What {@code StrictHttpFirewall.ALLOWED_HEADER_VALUES} allows. */
	static boolean isAllowedValue(String value) {
		return allowed(value, true);
	}

	private static boolean allowed(String text, boolean tabAllowed) {
		int length = text.length();
		int i = 0;
		while (i < length) {
			char c = text.charAt(i);
			if (c > 0x1F && c < 0x7F) {
				// printable ASCII: all of a token, almost all of any header
				i++;
				continue;
			}
			int codePoint = text.codePointAt(i);
			int type = Character.getType(codePoint);
			if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tabAllowed && codePoint == '\t'))) {
				return false;
			}
			i += Character.charCount(codePoint);
		}
		return true;
	}

}
