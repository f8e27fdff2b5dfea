package io.resgate.spring.gateway.session;

/**
 * The outbound backlog of the gateway's client connections at one moment: bytes queued for clients and
 * being written to them.
 *
 * @param totalBytes the sum over all connections (a frame shared by many connections counts for each)
 * @param maxBytes the largest backlog of one connection
 */
public record OutboundBacklog(long totalBytes, long maxBytes) {
}
