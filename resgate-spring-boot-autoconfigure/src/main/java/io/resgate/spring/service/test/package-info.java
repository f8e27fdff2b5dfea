/**
 * The test kit of the service side: {@link io.resgate.spring.service.test.ResTestSession} runs resource
 * components on an in-process bus for unit tests, and {@link io.resgate.spring.service.test.ResTestClient}
 * plays the gateway on any messaging system, with assertions on responses
 * ({@link io.resgate.spring.service.test.ResTestResponse}) and events
 * ({@link io.resgate.spring.service.test.ResTestEvent}).
 */
package io.resgate.spring.service.test;
