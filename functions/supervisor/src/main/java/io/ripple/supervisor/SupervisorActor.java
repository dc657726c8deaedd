package io.ripple.supervisor;

import io.quarkus.runtime.Startup;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.ripple.runtime.ActorDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Hands the supervisor's definition to the runtime, built from the policy file: the
 * shipped {@code policies.yaml}, or the file {@code ripple.supervisor.policies} names. The
 * file is read at startup ({@link Startup}), so a broken one stops the function before it
 * takes any event, with the file and field at fault. The records are registered for
 * reflection here, not in the decider, so the decider stays free of framework types.
 */
@ApplicationScoped
@RegisterForReflection(targets = {
        Supervisor.ReportDeadLetter.class, Supervisor.PolicyApplied.class, Supervisor.OrderRetryRequested.class,
        Supervisor.OrderGivenUp.class, Supervisor.MachineResetRequested.class, Supervisor.MachineTakenOut.class,
        Supervisor.MachinePutBack.class, Supervisor.AlertRaised.class, Supervisor.BrewingFinished.class,
        Supervisor.BrewingTimedOut.class, Supervisor.MachineCommandRejected.class,
        Supervisor.MachineInitialized.class, Supervisor.OrderFailed.class, Supervisor.State.class,
        Supervisor.Counter.class })
public class SupervisorActor {

    /** The policies shipped with the supervisor, on its classpath. */
    public static final String DEFAULT_POLICIES = "policies.yaml";

    private static final Logger LOG = Logger.getLogger(SupervisorActor.class);

    @ConfigProperty(name = "ripple.supervisor.policies")
    Optional<String> policyFile;

    @Produces
    @ApplicationScoped
    @Startup
    ActorDefinition<Supervisor.Command, Supervisor.Event, Supervisor.State> definition() {
        return definitionFrom(policyFile);
    }

    /** The supervisor applying the policies of {@code file}, else the shipped ones. */
    static ActorDefinition<Supervisor.Command, Supervisor.Event, Supervisor.State> definitionFrom(
            Optional<String> file) {
        List<Policy> policies = file.filter(f -> !f.isBlank()).map(f -> PolicyFile.read(Path.of(f)))
                .orElseGet(() -> PolicyFile.readResource(DEFAULT_POLICIES));
        LOG.infof("supervising with %d policies from %s: %s", policies.size(),
                file.filter(f -> !f.isBlank()).orElse("classpath:" + DEFAULT_POLICIES),
                policies.stream().map(Policy::name).toList());
        return Supervisor.definition(policies);
    }
}
