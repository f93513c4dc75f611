package io.tally.revenue.deadletter;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

class OperatorsTest {

	@AfterEach
	void clear() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void isTheAuthenticatedSubject() {
		SecurityContextHolder.getContext()
			.setAuthentication(new TestingAuthenticationToken("0b5e7f2a-subject", null, "SCOPE_ops:admin"));
		assertThat(Operators.current()).isEqualTo("0b5e7f2a-subject");
	}

	@Test
	void isUnknownWithoutAuthentication() {
		assertThat(Operators.current()).isNull();
		SecurityContextHolder.getContext()
			.setAuthentication(new AnonymousAuthenticationToken("key", "anonymousUser",
					List.of(new SimpleGrantedAuthority("ROLE_ANONYMOUS"))));
		assertThat(Operators.current()).isNull();
		SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("not-yet", null));
		assertThat(Operators.current()).as("not authenticated").isNull();
	}

}
