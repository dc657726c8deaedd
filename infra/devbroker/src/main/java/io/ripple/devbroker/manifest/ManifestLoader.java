package io.ripple.devbroker.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.fabric8.knative.duck.v1.DeliverySpec;
import io.fabric8.knative.duck.v1.KReference;
import io.fabric8.knative.eventing.v1.Broker;
import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.knative.eventing.v1.TriggerSpec;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.ripple.devbroker.filter.EventFilter;
import io.ripple.devbroker.topology.BackoffPolicy;
import io.ripple.devbroker.topology.BrokerDefinition;
import io.ripple.devbroker.topology.Destination;
import io.ripple.devbroker.topology.PartialDelivery;
import io.ripple.devbroker.topology.ServiceReference;
import io.ripple.devbroker.topology.Topology;
import io.ripple.devbroker.topology.TriggerDefinition;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Reads Broker, Trigger and Knative Service resources from a manifests directory with
 * fabric8's Knative model. Other kinds (SinkBinding, ConfigMap, ...) and
 * {@code kustomization.yaml} are skipped; its {@code namespace:} is the default namespace of
 * resources that name none, as {@code kubectl apply -k} would set it.
 */
public final class ManifestLoader {

    /** The Kafka broker's annotation for ordered delivery per partition key. */
    public static final String DELIVERY_ORDER = "kafka.eventing.knative.dev/delivery.order";

    private static final Logger LOG = Logger.getLogger(ManifestLoader.class);
    private static final String EVENTING = "eventing.knative.dev/v1";
    private static final String SERVING = "serving.knative.dev/v1";

    private final ObjectMapper mapper = StrictManifestMapper.create();

    /** Loads every resource under {@code directory} (not recursive); throws on the first bad one. */
    public Topology load(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new ManifestException("manifests directory " + directory.toAbsolutePath()
                    + " does not exist (set ripple.broker.manifests)");
        }
        List<Path> files = yamlFiles(directory);
        String defaultNamespace = kustomizationNamespace(files);
        Map<String, BrokerDefinition> brokers = new LinkedHashMap<>();
        List<TriggerDefinition> triggers = new ArrayList<>();
        Map<String, ServiceReference> services = new LinkedHashMap<>();
        for (Path file : files) {
            if (isKustomization(file)) {
                continue;
            }
            for (JsonNode document : documents(file)) {
                read(file, document, defaultNamespace, brokers, triggers, services);
            }
        }
        for (TriggerDefinition trigger : triggers) {
            if (!brokers.containsKey(trigger.brokerKey())) {
                throw ManifestException.at(trigger.file(), "Trigger " + trigger.key(), "spec.broker",
                        "broker '" + trigger.broker() + "' is not defined in namespace " + trigger.namespace()
                                + " (known brokers: " + brokers.keySet() + ")");
            }
        }
        return new Topology(Map.copyOf(brokers), List.copyOf(triggers), Map.copyOf(services));
    }

    private void read(Path file, JsonNode document, String defaultNamespace, Map<String, BrokerDefinition> brokers,
            List<TriggerDefinition> triggers, Map<String, ServiceReference> services) {
        String apiVersion = document.path("apiVersion").asText("");
        String kind = document.path("kind").asText("");
        String resource = kind + " " + document.path("metadata").path("name").asText("<unnamed>");
        if (apiVersion.equals(EVENTING) && kind.equals("Broker")) {
            Broker broker = bind(file, resource, document, Broker.class);
            String namespace = namespace(broker.getMetadata(), defaultNamespace);
            String name = name(file, resource, broker.getMetadata());
            String where = "Broker " + namespace + "/" + name;
            PartialDelivery delivery = broker.getSpec() == null ? PartialDelivery.NONE
                    : delivery(file.toString(), where, "spec.delivery", broker.getSpec().getDelivery(), namespace);
            BrokerDefinition definition = new BrokerDefinition(namespace, name, delivery, file.toString());
            if (brokers.putIfAbsent(definition.key(), definition) != null) {
                throw ManifestException.at(file.toString(), where, "metadata.name", "Broker defined twice");
            }
        } else if (apiVersion.equals(EVENTING) && kind.equals("Trigger")) {
            Trigger trigger = bind(file, resource, document, Trigger.class);
            TriggerDefinition definition = trigger(file, trigger, defaultNamespace);
            if (triggers.stream().anyMatch(t -> t.key().equals(definition.key()))) {
                throw ManifestException.at(file.toString(), "Trigger " + definition.key(), "metadata.name",
                        "Trigger defined twice");
            }
            triggers.add(definition);
        } else if (apiVersion.equals(SERVING) && kind.equals("Service")) {
            Service service = bind(file, resource, document, Service.class);
            String namespace = namespace(service.getMetadata(), defaultNamespace);
            String name = name(file, resource, service.getMetadata());
            services.put(namespace + "/" + name, new ServiceReference(namespace, name));
        } else {
            LOG.debugf("%s: skipping %s %s (not a Broker, Trigger or Knative Service)", file, apiVersion, resource);
        }
    }

    private TriggerDefinition trigger(Path file, Trigger trigger, String defaultNamespace) {
        String namespace = namespace(trigger.getMetadata(), defaultNamespace);
        String name = name(file, "Trigger", trigger.getMetadata());
        String where = "Trigger " + namespace + "/" + name;
        String path = file.toString();
        TriggerSpec spec = trigger.getSpec();
        if (spec == null) {
            throw ManifestException.at(path, where, "spec", "missing");
        }
        if (spec.getBrokerRef() != null) {
            throw ManifestException.at(path, where, "spec.brokerRef",
                    "not supported by the dev broker: name the broker in spec.broker");
        }
        if (spec.getBroker() == null || spec.getBroker().isBlank()) {
            throw ManifestException.at(path, where, "spec.broker", "missing");
        }
        if (spec.getSubscriber() == null) {
            throw ManifestException.at(path, where, "spec.subscriber", "missing");
        }
        Destination subscriber = destination(path, where, "spec.subscriber", spec.getSubscriber(), namespace);
        EventFilter filter = new FilterCompiler(path, where).compile(spec.getFilter(), spec.getFilters());
        PartialDelivery delivery = delivery(path, where, "spec.delivery", spec.getDelivery(), namespace);
        Map<String, String> annotations = trigger.getMetadata().getAnnotations();
        String order = annotations == null ? null : annotations.get(DELIVERY_ORDER);
        if (order != null && !order.equals("ordered") && !order.equals("unordered")) {
            throw ManifestException.at(path, where, "metadata.annotations[" + DELIVERY_ORDER + "]",
                    "must be 'ordered' or 'unordered', was '" + order + "'");
        }
        return new TriggerDefinition(namespace, name, spec.getBroker(), filter, subscriber, delivery,
                "ordered".equals(order), path);
    }

    private PartialDelivery delivery(String file, String where, String field, @Nullable DeliverySpec spec,
            String namespace) {
        if (spec == null) {
            return PartialDelivery.NONE;
        }
        Integer retry = spec.getRetry();
        if (retry != null && retry < 0) {
            throw ManifestException.at(file, where, field + ".retry", "must be >= 0, was " + retry);
        }
        BackoffPolicy policy = null;
        if (spec.getBackoffPolicy() != null) {
            policy = switch (spec.getBackoffPolicy()) {
                case "linear" -> BackoffPolicy.LINEAR;
                case "exponential" -> BackoffPolicy.EXPONENTIAL;
                default -> throw ManifestException.at(file, where, field + ".backoffPolicy",
                        "must be 'linear' or 'exponential', was '" + spec.getBackoffPolicy() + "'");
            };
        }
        Duration backoffDelay = duration(file, where, field + ".backoffDelay", spec.getBackoffDelay());
        Duration timeout = duration(file, where, field + ".timeout", spec.getTimeout());
        Destination deadLetterSink = spec.getDeadLetterSink() == null ? null
                : deadLetterSink(file, where, field + ".deadLetterSink", spec.getDeadLetterSink(), namespace);
        return new PartialDelivery(retry, policy, backoffDelay, timeout, deadLetterSink);
    }

    private static @Nullable Duration duration(String file, String where, String field, @Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            Duration duration = Duration.parse(text);
            if (duration.isNegative()) {
                throw ManifestException.at(file, where, field, "must not be negative, was '" + text + "'");
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw ManifestException.at(file, where, field, "not an ISO-8601 duration (e.g. PT0.2S): '" + text + "'");
        }
    }

    /**
     * A dead letter sink: a Knative Service or URI is delivered to; a cluster-only sink (e.g. the
     * {@code KafkaSink} of the Kafka broker's dead-letter topic) becomes the local dead-letter
     * store, so the cluster's manifests run unchanged.
     */
    private static Destination deadLetterSink(String file, String where, String field,
            io.fabric8.knative.duck.v1.Destination sink, String namespace) {
        KReference kref = sink.getRef();
        if (kref != null && !"Service".equals(kref.getKind())) {
            String replaced = kref.getKind() + " " + (kref.getNamespace() == null ? namespace : kref.getNamespace())
                    + "/" + kref.getName();
            LOG.infof("%s: %s: %s %s is kept in the dev broker's dead-letter store", file, where, field, replaced);
            return Destination.deadLetterStore(replaced);
        }
        return destination(file, where, field, sink, namespace);
    }

    private static Destination destination(String file, String where, String field,
            io.fabric8.knative.duck.v1.Destination destination, String namespace) {
        ServiceReference ref = null;
        KReference kref = destination.getRef();
        if (kref != null) {
            if (!"Service".equals(kref.getKind())
                    || (kref.getApiVersion() != null && !kref.getApiVersion().equals(SERVING))) {
                throw ManifestException.at(file, where, field + ".ref",
                        "the dev broker resolves refs to Knative Services (apiVersion " + SERVING
                                + ", kind Service) only, was " + kref.getApiVersion() + " " + kref.getKind());
            }
            if (kref.getName() == null || kref.getName().isBlank()) {
                throw ManifestException.at(file, where, field + ".ref.name", "missing");
            }
            ref = new ServiceReference(kref.getNamespace() == null ? namespace : kref.getNamespace(), kref.getName());
        }
        URI uri = null;
        if (destination.getUri() != null) {
            try {
                uri = new URI(destination.getUri());
            } catch (URISyntaxException e) {
                throw ManifestException.at(file, where, field + ".uri", "not a URI: " + e.getMessage());
            }
            if (ref == null && (!uri.isAbsolute() || uri.getHost() == null)) {
                throw ManifestException.at(file, where, field + ".uri",
                        "must be an absolute http(s) URL when no ref is given, was '" + uri + "'");
            }
        }
        if (ref == null && uri == null) {
            throw ManifestException.at(file, where, field, "needs a ref or a uri");
        }
        return new Destination(ref, uri);
    }

    private <T> T bind(Path file, String resource, JsonNode document, Class<T> type) {
        try {
            return mapper.treeToValue(document, type);
        } catch (UnrecognizedPropertyException e) {
            throw ManifestException.at(file.toString(), resource, path(e), "unknown field (known: "
                    + e.getKnownPropertyIds() + ")");
        } catch (JsonMappingException e) {
            throw ManifestException.at(file.toString(), resource, path(e), "invalid value: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new ManifestException(file + ": " + resource + ": " + e.getOriginalMessage(), e);
        }
    }

    /** {@code spec.filters[0].exct} from Jackson's reference chain. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "<document>" : path.toString();
    }

    private static String namespace(@Nullable ObjectMeta metadata, String defaultNamespace) {
        return metadata == null || metadata.getNamespace() == null ? defaultNamespace : metadata.getNamespace();
    }

    private static String name(Path file, String resource, @Nullable ObjectMeta metadata) {
        if (metadata == null || metadata.getName() == null || metadata.getName().isBlank()) {
            throw ManifestException.at(file.toString(), resource, "metadata.name", "missing");
        }
        return metadata.getName();
    }

    private List<JsonNode> documents(Path file) {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> iterator = mapper.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (iterator.hasNext()) {
                JsonNode document = iterator.next();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    if (!document.isObject()) {
                        throw new ManifestException(file + ": not a Kubernetes resource (expected a YAML mapping)");
                    }
                    documents.add(document);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ManifestException manifest) {
                throw manifest;
            }
            throw new ManifestException(file + ": not valid YAML: " + e.getMessage(), e);
        }
        return documents;
    }

    private String kustomizationNamespace(List<Path> files) {
        for (Path file : files) {
            if (isKustomization(file)) {
                for (JsonNode document : documents(file)) {
                    String namespace = document.path("namespace").asText("");
                    if (!namespace.isEmpty()) {
                        return namespace;
                    }
                }
            }
        }
        return "default";
    }

    private static boolean isKustomization(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.equals("kustomization.yaml") || name.equals("kustomization.yml");
    }

    private static List<Path> yamlFiles(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ManifestException("cannot list manifests directory " + directory + ": " + e.getMessage(), e);
        }
    }
}
