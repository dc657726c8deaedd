package io.ripple.manifests;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.knative.eventing.v1.Broker;
import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.knative.eventing.v1alpha1.EventPolicy;
import io.fabric8.knative.eventing.v1alpha1.KafkaSink;
import io.fabric8.knative.flows.v1.Parallel;
import io.fabric8.knative.flows.v1.Sequence;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.knative.sources.v1.SinkBinding;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The resource kinds Ripple's manifests may contain, mapped to their fabric8 model class.
 * An explicit table rather than fabric8's classpath scan: a kind Ripple does not expect
 * (a typo in {@code apiVersion}, an unserved version) is reported instead of being read
 * as a generic resource.
 */
final class ManifestKinds {

    private static final Map<String, Class<? extends HasMetadata>> BY_API_VERSION_AND_KIND = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("eventing.knative.dev/v1/Broker", Broker.class),
            Map.entry("eventing.knative.dev/v1/Trigger", Trigger.class),
            Map.entry("eventing.knative.dev/v1alpha1/EventPolicy", EventPolicy.class),
            Map.entry("eventing.knative.dev/v1alpha1/KafkaSink", KafkaSink.class),
            Map.entry("flows.knative.dev/v1/Sequence", Sequence.class),
            Map.entry("flows.knative.dev/v1/Parallel", Parallel.class),
            Map.entry("serving.knative.dev/v1/Service", Service.class),
            Map.entry("sources.knative.dev/v1/SinkBinding", SinkBinding.class));

    private ManifestKinds() {
    }

    static Optional<Class<? extends HasMetadata>> modelOf(String apiVersion, String kind) {
        return Optional.ofNullable(BY_API_VERSION_AND_KIND.get(apiVersion + "/" + kind));
    }

    static String supported() {
        return String.join(", ", new TreeSet<>(BY_API_VERSION_AND_KIND.keySet()));
    }
}
