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
        // picocli would read any argument starting with @ as a file of more arguments, so `emit
        // --data @order.json` (the data's file, read by emit) fell apart into stray arguments.
        commandLine.setExpandAtFiles(false);
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
