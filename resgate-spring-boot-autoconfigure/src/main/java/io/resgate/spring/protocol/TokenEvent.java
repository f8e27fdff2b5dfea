package io.resgate.spring.protocol;

/**
 * A connection token event ({@code conn.<cid>.token}).
 *
 * @param token the token as the service sent it; JSON {@code null} if the member is {@code null},
 * {@code null} if it is absent (Resgate tells the two apart)
 * @param tid the token ID, or {@code null}
 */
public record TokenEvent(RawJson token, String tid) {
}
