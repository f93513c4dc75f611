package io.tally.invoice.invoice;

import java.util.UUID;

import org.springframework.data.repository.ListCrudRepository;

/** Tombstones of deleted invoices. */
interface DeletedInvoices extends ListCrudRepository<DeletedInvoice, UUID> {

}
