package io.resgate.spring.protocol;

import java.util.Set;

/**
 * A {@code system.tokenReset} event: the connections holding one of the token IDs send an auth
 * request to the subject.
 *
 * @param tids the token IDs
 * @param subject the subject of the auth requests, {@code ""} if missing
 */
public record TokenReset(Set<String> tids, String subject) {
}
