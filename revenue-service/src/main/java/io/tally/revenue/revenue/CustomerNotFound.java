package io.tally.revenue.revenue;

import java.util.UUID;

/** No event ever named this customer. */
public class CustomerNotFound extends RuntimeException {

	CustomerNotFound(UUID customerId) {
		super("No revenue known for customer " + customerId);
	}

}
