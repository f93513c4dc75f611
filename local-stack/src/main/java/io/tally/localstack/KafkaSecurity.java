package io.tally.localstack;

/**
 * How the local broker lets clients in.
 */
public enum KafkaSecurity {

	/**
	 * SASL/PLAIN on every listener (the controller's too) and Kafka's
	 * {@code StandardAuthorizer} with {@code allow.everyone.if.no.acl.found=false}: each
	 * service is its own principal with only the rights it uses ({@link KafkaAcls}),
	 * {@code admin} is the super user. The default.
	 */
	SASL_ACLS,

	/**
	 * No authentication and no authorization: anyone who reaches the port may read, write
	 * and delete anything ({@code --kafka-plaintext}).
	 */
	PLAINTEXT;

	/** The security protocol of the client listener, as Kafka names it. */
	public String protocol() {
		return (this == SASL_ACLS) ? "SASL_PLAINTEXT" : "PLAINTEXT";
	}

}
