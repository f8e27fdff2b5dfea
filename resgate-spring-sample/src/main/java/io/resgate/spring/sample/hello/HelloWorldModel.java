package io.resgate.spring.sample.hello;

import java.util.Map;

import io.resgate.spring.sample.OnServiceSide;
import io.resgate.spring.service.Access;
import io.resgate.spring.service.annotation.ResAccess;
import io.resgate.spring.service.annotation.ResCall;
import io.resgate.spring.service.annotation.ResGet;
import io.resgate.spring.service.annotation.ResModel;
import io.resgate.spring.service.annotation.ResParams;
import io.resgate.spring.service.events.ResEvents;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Hello world: the model {@code example.model} of Resgate's hello-world example,
 * {@code {"message":"Hello, World!"}}, readable by everyone. Beyond the original, anyone may change the
 * message with {@code set}, and every client sees the change.
 */
@ResModel("example.model")
@OnServiceSide
public class HelloWorldModel {

	private final ResEvents events;

	private volatile String message = "Hello, World!";

	public HelloWorldModel(ResEvents events) {
		this.events = events;
	}

	/**
	 * The model.
	 * @return {@code {"message": ...}}
	 */
	@ResGet
	public Map<String, Object> get() {
		return Map.of("message", message);
	}

	/**
	 * Everyone may read the model and call {@code set}.
	 * @return the access
	 */
	@ResAccess
	public Access access() {
		return Access.of(true, "set");
	}

	/**
	 * Changes the message; Bean Validation rejects a blank or overlong one with {@code system.invalidParams}.
	 * @param params the new message
	 */
	@ResCall("set")
	public void set(@Valid @ResParams MessageParams params) {
		if (!params.message().equals(message)) {
			message = params.message();
			events.change("example.model", Map.of("message", message));
		}
	}

	/**
	 * Params of {@code set}.
	 * @param message the new message
	 */
	public record MessageParams(@NotBlank @Size(max = 200) String message) {
	}
}
