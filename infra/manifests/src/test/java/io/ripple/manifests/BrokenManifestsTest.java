package io.ripple.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each test breaks one thing in a copy of knative/base and expects exactly that problem. */
class BrokenManifestsTest {

    private static final String TRIGGER = "trigger-coffee-machine.yaml";
    private static final String SERVICE = "service-coffee-machine.yaml";

    private static ManifestValidator validator;

    @TempDir
    Path temp;
    private BrokenCopy copy;

    @BeforeAll
    static void loadCrds() {
        validator = ManifestValidator.withCrds(RepoPaths.crds());
    }

    @BeforeEach
    void copyBase() {
        copy = BrokenCopy.of(RepoPaths.knativeBase(), temp);
    }

    private ValidationReport validate() {
        return validator.validateDirectory(copy.directory());
    }

    @Test
    void misspeltTriggerFieldIsAnUnknownField() {
        copy.replace(TRIGGER, "  subscriber:\n", "  subscribr:\n");

        assertThat(validate().problems()).contains(
                new Problem(copy.file(TRIGGER), "Trigger/coffee-machine", "spec.subscribr",
                        "unknown field (not in the fabric8 Trigger model)"),
                new Problem(copy.file(TRIGGER), "Trigger/coffee-machine", "spec.subscriber",
                        "missing: a Trigger needs a subscriber"));
    }

    @Test
    void unknownContainerFieldIsReportedByTheModelAndTheCrdSchema() {
        copy.replace(SERVICE, "          readinessProbe:", "          readynessProbe:");

        String field = "spec.template.spec.containers[0].readynessProbe";
        assertThat(validate().problems()).contains(
                new Problem(copy.file(SERVICE), "Service/coffee-machine", field,
                        "unknown field (not in the fabric8 Service model)"),
                new Problem(copy.file(SERVICE), "Service/coffee-machine", field,
                        "CRD schema: unknown field (the CRD schema does not declare it)"),
                new Problem(copy.file(SERVICE), "Service/coffee-machine",
                        "spec.template.spec.containers[0].readinessProbe", "missing: needs httpGet on /q/health/ready"));
    }

    @Test
    void unknownEventPolicyFieldIsReportedByTheCrdSchema() {
        copy.replace("eventpolicy-external-producers.yaml", "    - sub: ", "    - subject: ");

        assertThat(validate().problems()).contains(
                new Problem(copy.file("eventpolicy-external-producers.yaml"), "EventPolicy/external-producers",
                        "spec.from[0].subject", "CRD schema: unknown field (the CRD schema does not declare it)"));
    }

    @Test
    void wrongValueTypeIsReported() {
        copy.replace(TRIGGER, "    retry: 5\n", "    retry: five\n");

        assertThat(validate().problems())
                .anySatisfy(p -> {
                    assertThat(p.file()).isEqualTo(copy.file(TRIGGER));
                    assertThat(p.resource()).isEqualTo("Trigger/coffee-machine");
                    assertThat(p.fieldPath()).isEqualTo("spec.delivery.retry");
                    assertThat(p.message()).startsWith("wrong type:");
                });
    }

    @Test
    void triggerWhoseServiceIsMissingIsReported() {
        copy.delete(SERVICE);

        assertThat(validate().problems()).containsExactly(
                new Problem(copy.file(TRIGGER), "Trigger/coffee-machine", "spec.subscriber.ref.name",
                        "names Service 'coffee-machine', which is not in this manifest set"));
    }

    @Test
    void serviceWithoutLivenessProbeIsReported() {
        copy.replace(SERVICE, "          livenessProbe:\n            httpGet:\n              path: /q/health/live\n"
                + "            initialDelaySeconds: 10\n            periodSeconds: 15\n            failureThreshold: 3\n", "");

        assertThat(validate().problems()).containsExactly(
                new Problem(copy.file(SERVICE), "Service/coffee-machine",
                        "spec.template.spec.containers[0].livenessProbe", "missing: needs httpGet on /q/health/live"));
    }

    @Test
    void probeOnTheWrongPathIsReported() {
        copy.replace(SERVICE, "path: /q/health/ready", "path: /health");

        assertThat(validate().problems()).containsExactly(
                new Problem(copy.file(SERVICE), "Service/coffee-machine",
                        "spec.template.spec.containers[0].readinessProbe.httpGet.path",
                        "is '/health', expected /q/health/ready"));
    }

    @Test
    void serviceThatCannotScaleToZeroIsReported() {
        copy.replace(SERVICE, "autoscaling.knative.dev/min-scale: \"0\"", "autoscaling.knative.dev/min-scale: \"1\"");

        assertThat(validate().problems()).containsExactly(
                new Problem(copy.file(SERVICE), "Service/coffee-machine",
                        "spec.template.metadata.annotations.autoscaling.knative.dev/min-scale",
                        "is \"1\": actors must scale to zero (min-scale \"0\"); a Service that must not states why in "
                                + "ripple.dev/always-on-reason"));
    }

    @Test
    void alwaysOnServiceWithoutItsReasonIsReported() {
        copy.replace("service-timer-service.yaml",
                "    ripple.dev/always-on-reason: fires durable timers while every actor is scaled to zero\n", "");

        assertThat(validate().problems()).containsExactly(
                new Problem(copy.file("service-timer-service.yaml"), "Service/timer-service",
                        "spec.template.metadata.annotations.autoscaling.knative.dev/min-scale",
                        "is \"1\": actors must scale to zero (min-scale \"0\"); a Service that must not states why in "
                                + "ripple.dev/always-on-reason"));
    }

    @Test
    void alwaysOnReasonOnAServiceThatScalesToZeroIsReported() {
        copy.replace("service-timer-service.yaml", "autoscaling.knative.dev/min-scale: \"1\"",
                "autoscaling.knative.dev/min-scale: \"0\"");

        assertThat(validate().problems()).containsExactly(
                new Problem(copy.file("service-timer-service.yaml"), "Service/timer-service",
                        "metadata.annotations.ripple.dev/always-on-reason",
                        "says the Service is always on, but min-scale is \"0\""));
    }

    @Test
    void serviceWithoutMinScaleIsReported() {
        copy.replace(SERVICE, "        autoscaling.knative.dev/min-scale: \"0\"\n", "");

        assertThat(validate().problems()).containsExactly(
                new Problem(copy.file(SERVICE), "Service/coffee-machine",
                        "spec.template.metadata.annotations.autoscaling.knative.dev/min-scale",
                        "missing: actors must scale to zero (min-scale \"0\")"));
    }

    @Test
    void triggerWithoutDeadLetterSinkIsReported() {
        copy.replace("trigger-supervisor.yaml", "    deadLetterSink:\n      ref:\n        apiVersion: eventing.knative.dev/v1alpha1\n"
                + "        kind: KafkaSink\n        name: ripple-dead-letters\n", "");

        assertThat(validate().problems()).containsExactly(
                new Problem(copy.file("trigger-supervisor.yaml"), "Trigger/supervisor", "spec.delivery.deadLetterSink",
                        "missing: commands that exhaust their retries would be lost"));
    }

    @Test
    void deadLetterSinkThatIsNotInTheSetIsReported() {
        copy.delete("kafkasink-ripple-dead-letters.yaml");

        assertThat(validate().problems()).containsExactlyInAnyOrder(
                new Problem(copy.file("trigger-supervisor.yaml"), "Trigger/supervisor", "spec.delivery.deadLetterSink.ref.name",
                        "names KafkaSink 'ripple-dead-letters', which is not in this manifest set"),
                new Problem(copy.file("trigger-insights.yaml"), "Trigger/insights", "spec.delivery.deadLetterSink.ref.name",
                        "names KafkaSink 'ripple-dead-letters', which is not in this manifest set"));
    }

    @Test
    void deadLetterSinkServiceThatIsNotInTheSetIsReported() {
        copy.replace(TRIGGER, "        kind: Service\n        name: supervisor\n", "        kind: Service\n        name: superviser\n");

        assertThat(validate().problems()).containsExactly(
                new Problem(copy.file(TRIGGER), "Trigger/coffee-machine", "spec.delivery.deadLetterSink.ref.name",
                        "names Service 'superviser', which is not in this manifest set"));
    }

    @Test
    void mailboxWithoutOrderedDeliveryIsReported() {
        copy.replace(TRIGGER, "delivery.order: ordered", "delivery.order: unordered");

        assertThat(validate().problems()).containsExactly(
                new Problem(copy.file(TRIGGER), "Trigger/coffee-machine",
                        "metadata.annotations.kafka.eventing.knative.dev/delivery.order",
                        "is 'unordered': an actor's mailbox needs ordered delivery per partition key"
                                + " (a Trigger that needs no order states why in ripple.dev/unordered-reason)"));
    }

    @Test
    void unorderedTriggerWithoutItsReasonIsReported() {
        copy.replace("trigger-insights.yaml",
                "    ripple.dev/unordered-reason: a read model that stores each event once and sorts by event time\n", "");

        assertThat(validate().problems()).containsExactly(
                new Problem(copy.file("trigger-insights.yaml"), "Trigger/insights",
                        "metadata.annotations.kafka.eventing.knative.dev/delivery.order",
                        "is 'unordered': an actor's mailbox needs ordered delivery per partition key"
                                + " (a Trigger that needs no order states why in ripple.dev/unordered-reason)"));
    }

    @Test
    void secondTriggerForTheSameActorIsReported() {
        copy.write("trigger-coffee-machine-power.yaml", """
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata:
                  name: coffee-machine-power
                  namespace: ripple
                  labels:
                    app.kubernetes.io/part-of: ripple
                    app.kubernetes.io/name: coffee-machine
                  annotations:
                    kafka.eventing.knative.dev/delivery.order: ordered
                spec:
                  broker: default
                  filter:
                    attributes:
                      type: coffee.machine.power-off
                  subscriber:
                    ref:
                      apiVersion: serving.knative.dev/v1
                      kind: Service
                      name: coffee-machine
                  delivery:
                    deadLetterSink:
                      ref:
                        apiVersion: eventing.knative.dev/v1alpha1
                        kind: KafkaSink
                        name: ripple-dead-letters
                """);

        assertThat(validate().problems()).hasSize(1).first()
                .satisfies(p -> {
                    assertThat(p.fieldPath()).isEqualTo("spec.subscriber.ref.name");
                    assertThat(p.message()).contains("already has Trigger");
                });
    }

    @Test
    void triggerOnAnUnknownBrokerIsReported() {
        copy.replace(TRIGGER, "  broker: default\n", "  broker: defualt\n");

        assertThat(validate().problems()).containsExactly(
                new Problem(copy.file(TRIGGER), "Trigger/coffee-machine", "spec.broker",
                        "names Broker 'defualt', which is not in this manifest set"));
    }

    @Test
    void unsupportedApiVersionIsReported() {
        copy.replace("broker-default.yaml", "apiVersion: eventing.knative.dev/v1\n",
                "apiVersion: eventing.knative.dev/v1beta1\n");

        assertThat(validate().problems()).anySatisfy(p -> {
            assertThat(p.resource()).isEqualTo("Broker/default");
            assertThat(p.fieldPath()).isEqualTo("apiVersion");
            assertThat(p.message()).startsWith("unsupported eventing.knative.dev/v1beta1 Broker");
        });
    }

    @Test
    void invalidYamlIsReportedWithItsLine() {
        copy.replace(TRIGGER, "  broker: default\n", "  broker: [default\n");

        assertThat(validate().problems()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo(copy.file(TRIGGER));
            assertThat(p.message()).startsWith("not valid YAML:").contains("(line ");
        });
    }
}
