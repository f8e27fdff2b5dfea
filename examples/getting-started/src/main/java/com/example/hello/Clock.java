package com.example.hello;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import io.resgate.spring.service.Access;
import io.resgate.spring.service.annotation.ResAccess;
import io.resgate.spring.service.annotation.ResGet;
import io.resgate.spring.service.annotation.ResModel;
import io.resgate.spring.service.events.ResEvents;

import org.springframework.scheduling.annotation.Scheduled;

@ResModel("hello.clock")
public class Clock {

    private static final DateTimeFormatter HH_MM_SS = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final ResEvents events;

    private String time = now();

    public Clock(ResEvents events) {
        this.events = events;
    }

    @ResAccess
    public Access access() {
        return Access.readOnly();
    }

    @ResGet
    public Map<String, Object> get() {
        return Map.of("time", time);
    }

    @Scheduled(fixedRateString = "${hello.clock-interval}")
    public void tick() {
        // runs in line with the requests for hello.clock, so no get sees the time half changed
        events.with("hello.clock", () -> {
            time = now();
            events.change("hello.clock", Map.of("time", time));
        });
    }

    private static String now() {
        return LocalTime.now().format(HH_MM_SS);
    }
}
