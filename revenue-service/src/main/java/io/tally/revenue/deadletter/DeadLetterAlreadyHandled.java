package io.tally.revenue.deadletter;

/**
 * An operator asked to re-drive or discard a dead letter that was already handled,
 * without {@code force}.
 */
public class DeadLetterAlreadyHandled extends RuntimeException {

	DeadLetterAlreadyHandled(DeadLetter deadLetter) {
		super("Dead letter " + deadLetter.id() + " is already " + deadLetter.status()
				+ ((deadLetter.lastAction() != null) ? " (at " + deadLetter.lastAction().at() + ")" : "")
				+ "; repeat with force=true to do it anyway");
	}

}
