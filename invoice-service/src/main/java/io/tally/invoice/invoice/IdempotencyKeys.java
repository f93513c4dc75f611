package io.tally.invoice.invoice;

import org.springframework.data.repository.ListCrudRepository;

/** Stored Idempotency-Keys of creations. */
interface IdempotencyKeys extends ListCrudRepository<IdempotencyKey, String> {

}
