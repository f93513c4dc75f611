package io.tally.invoice.invoice;

import java.util.Optional;

/**
 * Who is making the current change: the subject of the request's access token, an opaque
 * id (a user id, or the client id of a client-credentials token), never a name or e-mail
 * address. Implemented at the web edge, so the domain knows nothing of how requests are
 * authenticated; empty when the request carries no token.
 */
public interface CurrentActor {

	Optional<String> id();

}
