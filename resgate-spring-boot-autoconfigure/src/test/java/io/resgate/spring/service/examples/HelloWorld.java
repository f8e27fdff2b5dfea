package io.resgate.spring.service.examples;

import java.util.Map;

import io.resgate.spring.service.Access;
import io.resgate.spring.service.annotation.ResAccess;
import io.resgate.spring.service.annotation.ResCall;
import io.resgate.spring.service.annotation.ResGet;
import io.resgate.spring.service.annotation.ResModel;
import io.resgate.spring.service.annotation.ResParams;
import io.resgate.spring.service.events.ResEvents;

/**
 * Resgate's hello-world example ({@code example.model}), with the {@code set} method of its edit examples.
 */
@ResModel("example.model")
public class HelloWorld {

	/** The model. */
	public record Message(String message) {
	}

	private final ResEvents events;

	private Message model = new Message("Hello, World!");

	public HelloWorld(ResEvents events) {
		this.events = events;
	}

	@ResAccess
	Access access() {
		return Access.readOnly();
	}

	@ResGet
	Message get() {
		return model;
	}

	@ResCall("set")
	void set(@ResParams Map<String, Object> params) {
		if (params.get("message") instanceof String m) {
			Message updated = new Message(m);
			events.changeDiff("example.model", model, updated);
			model = updated;
		}
	}
}
