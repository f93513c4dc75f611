package io.tally.revenue.deadletter;

import java.util.List;

/**
 * One page of a listing, newest first.
 *
 * @param items the entries of this page
 * @param page the page number, from 0
 * @param size the page size asked for
 * @param totalItems entries matching the filters
 * @param totalPages pages of this size
 */
record DeadLetterPage(List<DeadLetter> items, int page, int size, long totalItems, long totalPages) {

}
