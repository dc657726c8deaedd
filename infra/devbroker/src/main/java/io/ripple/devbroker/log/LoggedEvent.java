package io.ripple.devbroker.log;

/** An event as the query API returns it: its place in the log and its CloudEvents JSON. */
public record LoggedEvent(long seq, String broker, long arrivalMs, byte[] json) {
}
