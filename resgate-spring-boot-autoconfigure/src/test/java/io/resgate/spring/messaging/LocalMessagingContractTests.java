package io.resgate.spring.messaging;

/**
 * The messaging contract on the in-process bus.
 */
class LocalMessagingContractTests extends MessagingContractTests {

	private LocalMessaging bus;

	@Override
	protected Messaging connect() {
		// one bus per test instance: both endpoints share it, as two clients of one NATS server would
		if (bus == null || !bus.isConnected()) {
			bus = new LocalMessaging();
		}
		return bus;
	}

	@Override
	protected void loseConnection() {
		bus.simulateConnectionLoss();
	}

	@Override
	protected void restoreConnection() {
		bus.simulateReconnect();
	}
}
