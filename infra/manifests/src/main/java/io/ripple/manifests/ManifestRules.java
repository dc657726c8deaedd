package io.ripple.manifests;

import io.fabric8.knative.duck.v1.Destination;
import io.fabric8.knative.duck.v1.DeliverySpec;
import io.fabric8.knative.duck.v1.KReference;
import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Probe;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Ripple's conventions for a deployable set of manifests, beyond what schemas can say:
 * <ul>
 *   <li>every Trigger names a Broker and a subscriber Service that the set contains;</li>
 *   <li>one Trigger per subscriber: an actor's mailbox is a single consumer group, or
 *       ordering between its command types is lost (knative/eventing#3294);</li>
 *   <li>every Trigger asks for ordered delivery and has a dead letter sink that the set contains;</li>
 *   <li>every Knative Service scales to zero and has readiness and liveness probes on
 *       Quarkus' {@code /q/health/ready} and {@code /q/health/live}.</li>
 * </ul>
 * Two exceptions must be stated, with the reason, on the resource itself so a reviewer sees
 * them: {@value #UNORDERED_REASON} on a Trigger that needs no order (a read model), and
 * {@value #ALWAYS_ON_REASON} on a Service that must not scale to zero (the timer service).
 */
public final class ManifestRules {

    /** Annotation the Knative Kafka broker reads to deliver one event per partition key at a time. */
    public static final String DELIVERY_ORDER = "kafka.eventing.knative.dev/delivery.order";
    /** Knative autoscaler annotation for the lower replica bound. */
    public static final String MIN_SCALE = "autoscaling.knative.dev/min-scale";
    /** Trigger annotation: why this Trigger may deliver out of order. */
    public static final String UNORDERED_REASON = "ripple.dev/unordered-reason";
    /** Service annotation: why this Service never scales to zero. */
    public static final String ALWAYS_ON_REASON = "ripple.dev/always-on-reason";
    static final String READINESS_PATH = "/q/health/ready";
    static final String LIVENESS_PATH = "/q/health/live";
    private static final String SERVING_GROUP = "serving.knative.dev/";

    private ManifestRules() {
    }

    /** Every rule violation in {@code set}. */
    public static List<Problem> check(ManifestSet set) {
        List<Problem> problems = new ArrayList<>();
        checkTriggers(set, problems);
        checkServices(set, problems);
        return problems;
    }

    private static void checkTriggers(ManifestSet set, List<Problem> problems) {
        Map<String, String> mailboxBySubscriber = new HashMap<>();
        for (ManifestSet.Typed<Trigger> typed : set.ofType(Trigger.class)) {
            Manifest manifest = typed.manifest();
            Trigger trigger = typed.resource();
            String namespace = manifest.namespace();
            if (trigger.getSpec() == null) {
                problems.add(manifest.problem("spec", "missing"));
                continue;
            }
            String broker = trigger.getSpec().getBroker();
            if (broker == null || broker.isEmpty()) {
                problems.add(manifest.problem("spec.broker", "missing: a Trigger must name its Broker"));
            } else if (set.find("Broker", namespace, broker).isEmpty()) {
                problems.add(manifest.problem("spec.broker", "names Broker '" + broker
                        + "', which is not in this manifest set"));
            }
            KReference subscriber = refOf(trigger.getSpec().getSubscriber());
            if (subscriber == null) {
                if (trigger.getSpec().getSubscriber() == null || trigger.getSpec().getSubscriber().getUri() == null) {
                    problems.add(manifest.problem("spec.subscriber", "missing: a Trigger needs a subscriber"));
                }
            } else if (isKnativeService(subscriber)) {
                String serviceNamespace = namespaceOr(subscriber.getNamespace(), namespace);
                if (set.find("Service", serviceNamespace, subscriber.getName()).isEmpty()) {
                    problems.add(manifest.problem("spec.subscriber.ref.name", "names Service '"
                            + subscriber.getName() + "', which is not in this manifest set"));
                }
                String other = mailboxBySubscriber.putIfAbsent(serviceNamespace + "/" + subscriber.getName(),
                        manifest.name());
                if (other != null) {
                    problems.add(manifest.problem("spec.subscriber.ref.name", "Service '" + subscriber.getName()
                            + "' already has Trigger '" + other + "' as its mailbox; one Trigger per actor keeps "
                            + "its commands in one ordered consumer group"));
                }
            }
            String order = annotation(manifest, DELIVERY_ORDER);
            if (!"ordered".equals(order) && isBlank(annotation(manifest, UNORDERED_REASON))) {
                problems.add(manifest.problem("metadata.annotations." + DELIVERY_ORDER,
                        (order == null ? "missing" : "is '" + order + "'")
                                + ": an actor's mailbox needs ordered delivery per partition key"
                                + " (a Trigger that needs no order states why in " + UNORDERED_REASON + ")"));
            }
            checkDeadLetterSink(set, manifest, trigger.getSpec().getDelivery(), problems);
        }
    }

    private static void checkDeadLetterSink(ManifestSet set, Manifest manifest, @Nullable DeliverySpec delivery,
                                            List<Problem> problems) {
        if (delivery == null || delivery.getDeadLetterSink() == null) {
            problems.add(manifest.problem("spec.delivery.deadLetterSink",
                    "missing: commands that exhaust their retries would be lost"));
            return;
        }
        KReference sink = delivery.getDeadLetterSink().getRef();
        if (sink != null && sink.getKind() != null && sink.getName() != null
                && set.find(sink.getKind(), namespaceOr(sink.getNamespace(), manifest.namespace()), sink.getName()).isEmpty()) {
            problems.add(manifest.problem("spec.delivery.deadLetterSink.ref.name", "names " + sink.getKind()
                    + " '" + sink.getName() + "', which is not in this manifest set"));
        }
    }

    private static void checkServices(ManifestSet set, List<Problem> problems) {
        for (ManifestSet.Typed<Service> typed : set.ofType(Service.class)) {
            Manifest manifest = typed.manifest();
            Service service = typed.resource();
            if (service.getSpec() == null || service.getSpec().getTemplate() == null) {
                problems.add(manifest.problem("spec.template", "missing"));
                continue;
            }
            var template = service.getSpec().getTemplate();
            Map<String, String> annotations = template.getMetadata() == null
                    || template.getMetadata().getAnnotations() == null
                    ? Map.of() : template.getMetadata().getAnnotations();
            String minScale = annotations.get(MIN_SCALE);
            boolean alwaysOn = !isBlank(annotation(manifest, ALWAYS_ON_REASON));
            if (alwaysOn && (minScale == null || "0".equals(minScale))) {
                problems.add(manifest.problem("metadata.annotations." + ALWAYS_ON_REASON,
                        "says the Service is always on, but min-scale is " + (minScale == null ? "missing" : "\"0\"")));
            } else if (!alwaysOn && !"0".equals(minScale)) {
                problems.add(manifest.problem("spec.template.metadata.annotations." + MIN_SCALE,
                        (minScale == null ? "missing" : "is \"" + minScale + "\"")
                                + ": actors must scale to zero (min-scale \"0\")"
                                + (minScale == null ? "" : "; a Service that must not states why in " + ALWAYS_ON_REASON)));
            }
            List<Container> containers = template.getSpec() == null || template.getSpec().getContainers() == null
                    ? List.of() : template.getSpec().getContainers();
            if (containers.isEmpty()) {
                problems.add(manifest.problem("spec.template.spec.containers", "missing: no container to run"));
            }
            for (int i = 0; i < containers.size(); i++) {
                String path = "spec.template.spec.containers[" + i + "]";
                checkProbe(manifest, path + ".readinessProbe", containers.get(i).getReadinessProbe(), READINESS_PATH, problems);
                checkProbe(manifest, path + ".livenessProbe", containers.get(i).getLivenessProbe(), LIVENESS_PATH, problems);
            }
        }
    }

    private static void checkProbe(Manifest manifest, String path, @Nullable Probe probe, String expected,
                                   List<Problem> problems) {
        String actual = probe == null || probe.getHttpGet() == null ? null : probe.getHttpGet().getPath();
        if (actual == null) {
            problems.add(manifest.problem(path, "missing: needs httpGet on " + expected));
        } else if (!expected.equals(actual)) {
            problems.add(manifest.problem(path + ".httpGet.path", "is '" + actual + "', expected " + expected));
        }
    }

    private static @Nullable KReference refOf(@Nullable Destination destination) {
        return destination == null ? null : destination.getRef();
    }

    private static boolean isKnativeService(KReference ref) {
        return "Service".equals(ref.getKind()) && ref.getApiVersion() != null
                && ref.getApiVersion().startsWith(SERVING_GROUP);
    }

    private static @Nullable String annotation(Manifest manifest, String key) {
        Map<String, String> annotations = manifest.resource().getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }

    private static boolean isBlank(@Nullable String value) {
        return value == null || value.isBlank();
    }

    private static String namespaceOr(@Nullable String namespace, String fallback) {
        return namespace == null || namespace.isEmpty() ? fallback : namespace;
    }
}
