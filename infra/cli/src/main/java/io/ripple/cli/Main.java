package io.ripple.cli;

import picocli.CommandLine;

/** Entry point of the {@code ripple} command line. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with Ripple's error handling: a named problem, never a stack trace. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new RippleCommand());
        commandLine.registerConverter(java.time.Duration.class, text -> Durations.parse(text, "duration"));
        commandLine.setExecutionExceptionHandler((failure, line, parsed) -> {
            if (failure instanceof CliException problem) {
                line.getErr().println("ripple: " + problem.getMessage());
                return problem.exitCode();
            }
            line.getErr().println("ripple: unexpected failure: " + failure);
            return 1;
        });
        return commandLine;
    }
}
