package com.example.hello;

import java.util.ArrayList;
import java.util.List;

import io.resgate.spring.protocol.ResException;
import io.resgate.spring.service.Access;
import io.resgate.spring.service.annotation.ResAccess;
import io.resgate.spring.service.annotation.ResCall;
import io.resgate.spring.service.annotation.ResCollection;
import io.resgate.spring.service.annotation.ResGet;
import io.resgate.spring.service.annotation.ResParams;
import io.resgate.spring.service.events.ResEvents;

@ResCollection("hello.notes")
public class Notes {

    public record NoteParams(String text) {
    }

    private final ResEvents events;

    private final List<String> notes = new ArrayList<>();

    public Notes(ResEvents events) {
        this.events = events;
    }

    @ResAccess
    public Access access() {
        return Access.of(true, "add,remove");
    }

    @ResGet
    public List<String> get() {
        return List.copyOf(notes);
    }

    @ResCall("add")
    public void add(@ResParams NoteParams params) {
        if (params.text() == null || params.text().isBlank()) {
            throw ResException.invalidParams("Text must not be empty");
        }
        notes.add(params.text());
        events.add("hello.notes", params.text(), notes.size() - 1);
    }

    @ResCall("remove")
    public void remove(@ResParams NoteParams params) {
        int idx = notes.indexOf(params.text());
        if (idx < 0) {
            throw ResException.notFound();
        }
        notes.remove(idx);
        events.remove("hello.notes", idx);
    }
}
