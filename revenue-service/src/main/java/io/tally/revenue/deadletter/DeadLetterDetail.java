package io.tally.revenue.deadletter;

import java.util.List;
import java.util.Map;

/**
 * An index entry with the record read back from the dead-letter topic.
 *
 * @param deadLetter the index entry
 * @param content the record's headers and value, or only {@code available: false} when
 * the topic no longer holds it
 */
record DeadLetterDetail(DeadLetter deadLetter, Content content) {

	/**
	 * What the dead-letter topic holds for the entry.
	 *
	 * @param available whether the topic still holds the record (retention)
	 * @param headers every header, its value as text
	 * @param event the decoded event (its {@code type} and fields), when the bytes decode
	 * @param decodeFailure why the bytes do not decode
	 * @param valueHex the first bytes of an undecodable value in hex, at most
	 * {@value DeadLetterOperations#HEX_PREVIEW_CHARS} characters
	 * @param valueHexTruncated whether the value is longer than the preview
	 */
	record Content(boolean available, List<HeaderText> headers, Map<String, Object> event, String decodeFailure,
			String valueHex, boolean valueHexTruncated) {

		static Content unavailable() {
			return new Content(false, List.of(), null, null, null, false);
		}

	}

	/**
	 * A header for people.
	 *
	 * @param name the header name
	 * @param value its value as text
	 */
	record HeaderText(String name, String value) {
	}

}
