package io.tally.auth;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.oidc.OidcScopes;

/**
 * The users who may sign in, their opaque subject ids and the scopes their role allows.
 * Passwords are kept encoded only.
 */
class Users implements UserDetailsService {

	/** Scopes about the sign-in itself, which every user may grant a client. */
	static final Set<String> IDENTITY_SCOPES = Set.of(OidcScopes.OPENID, OidcScopes.PROFILE);

	private final Map<String, Account> accounts;

	Users(Map<String, AuthSettings.User> users, PasswordEncoder encoder) {
		this.accounts = users.entrySet()
			.stream()
			.collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, (entry) -> new Account(entry.getValue().subject(),
					encoder.encode(entry.getValue().password()), Set.copyOf(entry.getValue().scopes()))));
	}

	private record Account(String subject, String encodedPassword, Set<String> scopes) {
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		Account account = this.accounts.get(username);
		if (account == null) {
			throw new UsernameNotFoundException("No such user");
		}
		// a fresh object each time: the framework erases credentials after sign-in
		return User.withUsername(username).password(account.encodedPassword()).authorities("ROLE_USER").build();
	}

	/** The opaque subject id of {@code username}. */
	Optional<String> subjectOf(String username) {
		return Optional.ofNullable(this.accounts.get(username)).map(Account::subject);
	}

	/**
	 * The part of {@code requested} that {@code username} may grant: the identity scopes
	 * plus the API scopes of the user's role; nothing for an unknown user.
	 */
	Set<String> permitted(String username, Set<String> requested) {
		Account account = this.accounts.get(username);
		Set<String> permitted = new LinkedHashSet<>();
		if (account != null) {
			for (String scope : requested) {
				if (IDENTITY_SCOPES.contains(scope) || account.scopes().contains(scope)) {
					permitted.add(scope);
				}
			}
		}
		return permitted;
	}

}
