package com.example.hello;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.resgate.spring.service.test.AutoConfigureResTestClient;
import io.resgate.spring.service.test.ResTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "hello.clock-interval=100ms")
@AutoConfigureResTestClient
class HelloApplicationTests {

    @Autowired
    ResTestClient client;

    @LocalServerPort
    int port;

    @Test
    void setChangesTheGreeting() {
        client.call("hello.greeting", "set", Map.of("message", "Hi!")).assertResult(null);
        client.nextEventOf("hello.greeting").assertChange("hello.greeting", Map.of("message", "Hi!"));
        client.get("hello.greeting").assertModel(Map.of("message", "Hi!"));

        client.call("hello.greeting", "set", Map.of("message", " "))
            .assertError("system.invalidParams", "Message must not be empty");
    }

    @Test
    void notesAreAddedAndRemoved() {
        client.call("hello.notes", "add", Map.of("text", "Buy milk")).assertResult(null);
        client.nextEventOf("hello.notes").assertAdd("hello.notes", "Buy milk", 0);
        client.call("hello.notes", "remove", Map.of("text", "Buy milk")).assertResult(null);
        client.nextEventOf("hello.notes").assertRemove("hello.notes", 0);
    }

    @Test
    void theClockSendsTheTime() {
        String event = client.nextEventOf("hello.clock").text();
        assertThat(event).matches("\\{\"values\":\\{\"time\":\"\\d\\d:\\d\\d:\\d\\d\"}}");
    }

    @Test
    void theGatewayServesTheGreetingOverHttp() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/hello/greeting")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("{\"message\":");
    }

    @Test
    void theGatewaySendsTheClockOverWebSocket() throws Exception {
        BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://localhost:" + port + "/"), new WebSocket.Listener() {
                    final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data); // a message may come in parts
                        if (last) {
                            messages.add(text.toString());
                            text.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                })
                .get(5, TimeUnit.SECONDS);

        // what ResClient sends for client.get('hello.clock'), on the RES-Client protocol
        socket.sendText("{\"id\":1,\"method\":\"subscribe.hello.clock\"}", true);
        assertThat(messages.poll(5, TimeUnit.SECONDS)) // the response: the model as it is now
            .contains("\"id\":1", "\"models\":{\"hello.clock\":{\"time\":");
        assertThat(messages.poll(5, TimeUnit.SECONDS)) // then every change Clock.tick() sends
            .contains("\"event\":\"hello.clock.change\"", "\"values\":{\"time\":");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
    }
}
