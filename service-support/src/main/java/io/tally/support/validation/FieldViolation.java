package io.tally.support.validation;

/**
 * One invalid input field and what is wrong with it; rendered as an entry of a problem's
 * {@code errors} list.
 *
 * @param field the field, parameter or header as the client named it
 * @param message what is wrong, e.g. {@code is required}
 */
public record FieldViolation(String field, String message) {

}
