package io.ripple.supervisor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.ripple", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String DECIDER = "io\\.ripple\\.supervisor\\.(Supervisor|Policy)(\\$.*)?";

    @ArchTest
    static final ArchRule deciderIsPure = noClasses()
            .that().haveNameMatching(DECIDER)
            .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "jakarta..", "java.sql..",
                    "java.net..", "java.io..", "java.nio..", "io.vertx..", "io.smallrye..", "com.fasterxml..")
            .because("a decider and its policies are pure data and functions: the file is read by PolicyFile");

    @ArchTest
    static final ArchRule deciderUsesOnlyTheRuntimeApi = noClasses()
            .that().haveNameMatching(DECIDER)
            .should().dependOnClassesThat().resideInAnyPackage("io.ripple.runtime.internal..",
                    "io.ripple.runtime.store..")
            .because("actors see the runtime's pure API, not its adapters");

    @ArchTest
    static final ArchRule actorsNeverImportAnotherActor = noClasses()
            .that().resideInAPackage("io.ripple.supervisor..")
            .should().dependOnClassesThat().resideInAnyPackage("io.ripple.coffeemachine..", "io.ripple.order..",
                    "io.ripple.barista..", "io.ripple.insights..")
            .because("an actor reads other actors' events into its own records");
}
