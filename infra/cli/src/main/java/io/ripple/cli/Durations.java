package io.ripple.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations as Knative annotations write them ({@code 60s}, {@code 1m30s}, {@code 500ms}). */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

    private Durations() {
    }

    /** Parses {@code 60s}, {@code 1m30s}, {@code 500ms}, {@code 0}; {@code where} names the field at fault. */
    public static Duration parse(String text, String where) {
        String value = text.trim();
        if (value.equals("0")) {
            return Duration.ZERO;
        }
        Matcher matcher = PART.matcher(value);
        long millis = 0;
        int end = 0;
        while (matcher.find() && matcher.start() == end) {
            double amount = Double.parseDouble(matcher.group(1));
            millis += switch (matcher.group(2)) {
                case "ms" -> (long) amount;
                case "s" -> (long) (amount * 1_000);
                case "m" -> (long) (amount * 60_000);
                default -> (long) (amount * 3_600_000);
            };
            end = matcher.end();
        }
        if (end == 0 || end != value.length()) {
            throw new CliException(where + ": '" + text + "' is not a duration like 60s, 1m30s or 500ms");
        }
        return Duration.ofMillis(millis);
    }
}
