/**
 * The messaging system under the RES protocol: one small interface ({@link io.resgate.spring.messaging.Messaging})
 * with a NATS implementation and an in-process bus of the same semantics.
 */
package io.resgate.spring.messaging;
