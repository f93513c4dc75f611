package io.tally.invoice.invoice;

import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.PagingAndSortingRepository;

/** All invoices. */
interface Invoices extends ListCrudRepository<Invoice, UUID>, PagingAndSortingRepository<Invoice, UUID> {

	Page<Invoice> findByCustomerId(UUID customerId, Pageable pageable);

	Page<Invoice> findByStatus(InvoiceStatus status, Pageable pageable);

	Page<Invoice> findByCustomerIdAndStatus(UUID customerId, InvoiceStatus status, Pageable pageable);

}
