/**
 * The black-box conformance suite of the gateway: Resgate's scenario suite ported to JUnit.
 *
 * <p>Each scenario drives the auto-configured gateway over a real WebSocket ({@link TestClient})
 * while a {@link ScriptedService} on a real nats-server (or the in-process bus) sees and answers
 * every request the gateway sends, asserting the exact subjects, payloads and client messages.
 * One gateway application per {@link GatewayProfile} and {@link Transport} is shared by the whole
 * run; scenarios stay isolated by resource names: each writes {@code test.model} as Resgate's suite
 * does, and {@link Names} rewrites {@code test} to a service name of its own.
 *
 * <p>{@link ResClientNodeTest} runs the real npm ResClient under Node against the gateway.
 * {@link ExampleServicesNodeScenarios} runs a gateway of its own in front of Node services written the way
 * Resgate's examples are (plain NATS handlers), with ResClient and the HTTP API in front.
 */
package io.resgate.spring.gateway.conformance;
