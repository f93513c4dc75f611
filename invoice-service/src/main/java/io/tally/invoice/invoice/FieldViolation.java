package io.tally.invoice.invoice;

/**
 * One invalid request field and what is wrong with it; rendered in a problem's
 * {@code errors} list.
 */
public record FieldViolation(String field, String message) {

}
