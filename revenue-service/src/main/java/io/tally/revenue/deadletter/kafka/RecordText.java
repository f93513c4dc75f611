package io.tally.revenue.deadletter.kafka;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;

import org.springframework.kafka.support.KafkaHeaders;

/**
 * Renders key and header bytes as text people (and PostgreSQL's text columns) can take:
 * UTF-8 when the bytes are printable UTF-8, Spring's binary dead-letter headers as
 * numbers, anything else as {@code 0x}-prefixed hex.
 */
final class RecordText {

	private static final Set<String> BINARY_NUMBERS = Set.of(KafkaHeaders.DLT_ORIGINAL_PARTITION,
			KafkaHeaders.DLT_ORIGINAL_OFFSET, KafkaHeaders.DLT_ORIGINAL_TIMESTAMP);

	private RecordText() {
	}

	/** A header's value as text; null for a header without value. */
	static String header(String name, byte[] value) {
		if (value == null) {
			return null;
		}
		if (BINARY_NUMBERS.contains(name)) {
			if (value.length == Integer.BYTES) {
				return Integer.toString(ByteBuffer.wrap(value).getInt());
			}
			if (value.length == Long.BYTES) {
				long number = ByteBuffer.wrap(value).getLong();
				return name.equals(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP) ? Instant.ofEpochMilli(number).toString()
						: Long.toString(number);
			}
		}
		return text(value);
	}

	/** Printable UTF-8 as it is, any other bytes as hex; null stays null. */
	static String text(byte[] bytes) {
		if (bytes == null) {
			return null;
		}
		String decoded = utf8(bytes);
		return (decoded != null && printable(decoded)) ? decoded : "0x" + HexFormat.of().formatHex(bytes);
	}

	private static String utf8(byte[] bytes) {
		try {
			CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes));
			return chars.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

	// control characters (NUL above all, which PostgreSQL text refuses) make it binary;
	// line breaks and tabs are text (stack traces)
	private static boolean printable(String text) {
		return text.chars().noneMatch((c) -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t');
	}

}
