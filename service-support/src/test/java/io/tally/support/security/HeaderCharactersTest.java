package io.tally.support.security;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import org.springframework.security.web.firewall.StrictHttpFirewall;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loop allows exactly what the firewall's own expressions allow: every code point of
 * Unicode alone, and strings that mix them the way headers do.
 */
class HeaderCharactersTest {

	@Test
	void namesFollowTheFirewallsRuleForEveryCodePoint() {
		assertSameVerdicts(HeaderCharacters::isAllowedName, StrictHttpFirewall.ALLOWED_HEADER_NAMES);
	}

	@Test
	void valuesFollowTheFirewallsRuleForEveryCodePoint() {
		assertSameVerdicts(HeaderCharacters::isAllowedValue, StrictHttpFirewall.ALLOWED_HEADER_VALUES);
	}

	@Test
	void aBearerTokenIsAllowedAndOneControlCharacterAnywhereIsNot() {
		String token = "Bearer " + "eyJhbGciOiJSUzI1NiJ9.".repeat(40) + "c2lnbmF0dXJl-_";
		assertThat(HeaderCharacters.isAllowedValue(token)).isTrue();
		assertThat(HeaderCharacters.isAllowedValue(token + "\u0000")).isFalse();
		assertThat(HeaderCharacters.isAllowedValue("\u001b" + token)).isFalse();
		assertThat(HeaderCharacters.isAllowedValue(token.substring(0, 300) + "\r\n" + token)).isFalse();
		assertThat(HeaderCharacters.isAllowedValue("a\tb")).isTrue();
		assertThat(HeaderCharacters.isAllowedName("a\tb")).isFalse();
		assertThat(HeaderCharacters.isAllowedValue("")).isTrue();
	}

	private static void assertSameVerdicts(Predicate<String> loop, Predicate<String> firewall) {
		List<String> samples = new ArrayList<>();
		for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
			// every code point of the BMP (lone surrogates included), every 97th above it
			if (codePoint < 0x10000 || codePoint % 97 == 0) {
				samples.add(new String(Character.toChars(codePoint)));
			}
		}
		samples.add("\uD83D\uDE00 grinning face, a surrogate pair");
		samples.add("x\uD800y lone high surrogate");
		samples.add("tab\tinside");
		samples.add("line\nbreak");
		samples.add("del\u007f");
		samples.add("n\u0378 unassigned in the middle");
		samples.add("caf\u00e9, \u0645\u0631\u062d\u0628\u0627, \u65e5\u672c");
		samples.add("");
		List<String> differing = samples.stream().filter((s) -> loop.test(s) != firewall.test(s)).toList();
		assertThat(differing).as("strings judged differently").isEmpty();
		assertThat(samples.stream().filter(firewall)).as("the rule allows some").isNotEmpty();
		assertThat(samples.stream().filter(firewall.negate())).as("and refuses some").isNotEmpty();
	}

}
