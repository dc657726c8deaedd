package io.ripple.cli;

import io.ripple.cli.emit.EmitCommand;
import io.ripple.cli.log.LogCommand;
import io.ripple.cli.topology.TopologyCommand;
import io.ripple.cli.trace.TraceCommand;
import io.ripple.cli.up.UpCommand;
import io.ripple.cli.validate.ValidateCommand;
import io.ripple.cli.verify.VerifyCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "ripple", mixinStandardHelpOptions = true, version = "ripple 0.1.0-SNAPSHOT",
        description = {"Event-driven actors as serverless functions on Knative.", "",
                "Run the whole system on this machine with `ripple up`, send it CloudEvents with `ripple emit`,",
                "and follow every chain of events with `ripple trace` and `ripple log`."},
        subcommands = {UpCommand.class, io.ripple.cli.demo.DemoCommand.class, EmitCommand.class, TraceCommand.class, LogCommand.class,
                TopologyCommand.class, ValidateCommand.class, VerifyCommand.class,
                picocli.CommandLine.HelpCommand.class})
public class RippleCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a command, e.g. `ripple up` (see `ripple --help`)");
    }
}
