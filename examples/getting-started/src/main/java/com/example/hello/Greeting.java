package com.example.hello;

import java.util.Map;

import io.resgate.spring.protocol.ResException;
import io.resgate.spring.service.Access;
import io.resgate.spring.service.annotation.ResAccess;
import io.resgate.spring.service.annotation.ResCall;
import io.resgate.spring.service.annotation.ResGet;
import io.resgate.spring.service.annotation.ResModel;
import io.resgate.spring.service.annotation.ResParams;
import io.resgate.spring.service.events.ResEvents;

@ResModel("hello.greeting")
public class Greeting {

    public record SetParams(String message) {
    }

    private final ResEvents events;

    private String message = "Hello, World!";

    public Greeting(ResEvents events) {
        this.events = events;
    }

    @ResAccess
    public Access access() {
        return Access.of(true, "set"); // anyone may read it and call set
    }

    @ResGet
    public Map<String, Object> get() {
        return Map.of("message", message);
    }

    @ResCall("set")
    public void set(@ResParams SetParams params) {
        if (params.message() == null || params.message().isBlank()) {
            throw ResException.invalidParams("Message must not be empty");
        }
        message = params.message();
        events.change("hello.greeting", Map.of("message", message)); // every client sees it
    }
}
