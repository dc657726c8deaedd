package io.ripple.insights;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.ripple.insights", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule statisticsArePure = noClasses()
            .that().haveNameMatching("io\\.ripple\\.insights\\.(ShopInsights|Durations|Fact)(\\$.*)?")
            .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "jakarta..", "java.sql..",
                    "java.net..", "java.io..", "java.nio..", "io.vertx..", "com.fasterxml..")
            .because("the statistics are a pure function of the event history");

    @ArchTest
    static final ArchRule insightsKnowNoActor = noClasses()
            .that().resideInAPackage("io.ripple.insights..")
            .should().dependOnClassesThat().resideInAnyPackage("io.ripple.coffeemachine..", "io.ripple.order..",
                    "io.ripple.barista..", "io.ripple.supervisor..", "io.ripple.runtime..")
            .because("the insights read the events on the wire, not the actors' code");
}
