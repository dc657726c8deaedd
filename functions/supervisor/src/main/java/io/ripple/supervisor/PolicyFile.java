package io.ripple.supervisor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a supervision policy file (YAML, or JSON which is YAML too) into {@link Policy}
 * records, refusing anything the supervisor could not apply — an unknown field, event type
 * or action, a fact the matched events do not carry, a malformed duration — with the file
 * and the field at fault: {@code policies.yaml: policies[1].limit.window: ...}.
 *
 * <pre>{@code
 * policies:
 *   - name: retry-failed-brew
 *     match:
 *       - type: coffee.machine.brewing-finished
 *         where: { outcome: failed }
 *     key: order
 *     limit: { max: 2, window: PT10M }
 *     actions: [coffee.supervisor.order-retry-requested]
 *     escalation: [coffee.supervisor.order-given-up, coffee.supervisor.alert-raised]
 * }</pre>
 */
public final class PolicyFile {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> POLICY_FIELDS = Set.of("name", "description", "match", "key", "limit",
            "actions", "escalation");
    private static final Set<String> MATCH_FIELDS = Set.of("type", "where");
    private static final Set<String> LIMIT_FIELDS = Set.of("max", "window");

    private final String file;

    private PolicyFile(String file) {
        this.file = file;
    }

    /** The policies in a file. */
    public static List<Policy> read(Path path) {
        PolicyFile reader = new PolicyFile(path.toString());
        try (InputStream in = Files.newInputStream(path)) {
            return reader.parse(in);
        } catch (NoSuchFileException e) {
            throw new PolicyFileException(path + ": no such file");
        } catch (IOException e) {
            throw new PolicyFileException(path + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** The policies in a file on the classpath (the defaults shipped with the supervisor). */
    public static List<Policy> readResource(String resource) {
        PolicyFile reader = new PolicyFile("classpath:" + resource);
        try (InputStream in = PolicyFile.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new PolicyFileException("classpath:" + resource + ": no such resource");
            }
            return reader.parse(in);
        } catch (IOException e) {
            throw new PolicyFileException("classpath:" + resource + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private List<Policy> parse(InputStream in) throws IOException {
        JsonNode root;
        try {
            root = YAML.readTree(in);
        } catch (JsonProcessingException e) {
            throw new PolicyFileException(file + ": not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        }
        if (root == null || !root.isObject()) {
            throw fail("", "the file must be a mapping with a 'policies' list");
        }
        knownFields(root, "", Set.of("policies"));
        JsonNode list = root.get("policies");
        if (list == null || !list.isArray()) {
            throw fail("policies", "a list of policies is required");
        }
        List<Policy> policies = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            Policy policy = policy(list.get(i), "policies[" + i + "]");
            if (!names.add(policy.name())) {
                throw fail("policies[" + i + "].name", "'" + policy.name() + "' is used by an earlier policy");
            }
            policies.add(policy);
        }
        return List.copyOf(policies);
    }

    private Policy policy(JsonNode node, String at) {
        if (!node.isObject()) {
            throw fail(at, "a policy must be a mapping");
        }
        knownFields(node, at, POLICY_FIELDS);
        String name = text(node, at, "name");
        List<Policy.Match> match = matches(node.get("match"), at + ".match");
        String key = text(node, at, "key");
        for (int i = 0; i < match.size(); i++) {
            if (!Supervisor.OBSERVABLE.get(match.get(i).type()).contains(key)) {
                throw fail(at + ".key", "'" + key + "' is not a fact of " + match.get(i).type() + " (match[" + i
                        + "]); it has " + new TreeSet<>(Supervisor.OBSERVABLE.get(match.get(i).type())));
            }
        }
        Policy.Limit limit = node.has("limit") ? limit(node.get("limit"), at + ".limit") : null;
        List<String> actions = actions(node.get("actions"), at + ".actions", match, true);
        List<String> escalation = actions(node.get("escalation"), at + ".escalation", match, false);
        if (!escalation.isEmpty() && limit == null) {
            throw fail(at + ".escalation", "escalation needs a limit: without one it never happens");
        }
        if (actions.isEmpty() && escalation.isEmpty()) {
            throw fail(at + ".actions", "the policy does nothing: give it actions or a limit with escalation");
        }
        return new Policy(name, match, key, limit, actions, escalation);
    }

    private List<Policy.Match> matches(JsonNode node, String at) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw fail(at, "a non-empty list of {type, where} is required");
        }
        List<Policy.Match> clauses = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String clauseAt = at + "[" + i + "]";
            JsonNode clause = node.get(i);
            if (!clause.isObject()) {
                throw fail(clauseAt, "a match clause must be a mapping with 'type' and optional 'where'");
            }
            knownFields(clause, clauseAt, MATCH_FIELDS);
            String type = text(clause, clauseAt, "type");
            Set<String> facts = Supervisor.OBSERVABLE.get(type);
            if (facts == null) {
                throw fail(clauseAt + ".type", "the supervisor cannot observe '" + type + "'; it observes "
                        + new TreeSet<>(Supervisor.OBSERVABLE.keySet()));
            }
            Map<String, String> where = new LinkedHashMap<>();
            JsonNode conditions = clause.get("where");
            if (conditions != null) {
                if (!conditions.isObject()) {
                    throw fail(clauseAt + ".where", "must be a mapping of fact to value");
                }
                Iterator<Map.Entry<String, JsonNode>> fields = conditions.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> condition = fields.next();
                    String conditionAt = clauseAt + ".where." + condition.getKey();
                    if (!facts.contains(condition.getKey())) {
                        throw fail(conditionAt, "'" + condition.getKey() + "' is not a fact of " + type
                                + "; it has " + new TreeSet<>(facts));
                    }
                    if (!condition.getValue().isValueNode() || condition.getValue().isNull()) {
                        throw fail(conditionAt, "the value must be a string or number");
                    }
                    where.put(condition.getKey(), condition.getValue().asText());
                }
            }
            clauses.add(new Policy.Match(type, where));
        }
        return clauses;
    }

    private Policy.Limit limit(JsonNode node, String at) {
        if (!node.isObject()) {
            throw fail(at, "must be a mapping with 'max' and 'window'");
        }
        knownFields(node, at, LIMIT_FIELDS);
        JsonNode max = node.get("max");
        if (max == null || !max.canConvertToInt() || !max.isIntegralNumber() || max.asInt() < 0) {
            throw fail(at + ".max", "a whole number of 0 or more is required");
        }
        String window = text(node, at, "window");
        Duration duration;
        try {
            duration = Duration.parse(window);
        } catch (DateTimeParseException e) {
            throw fail(at + ".window", "'" + window + "' is not an ISO-8601 duration (e.g. PT10M)");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw fail(at + ".window", "must be longer than zero");
        }
        return new Policy.Limit(max.asInt(), duration);
    }

    private List<String> actions(JsonNode node, String at, List<Policy.Match> match, boolean required) {
        if (node == null) {
            if (required) {
                throw fail(at, "a list of event types is required (it may be empty)");
            }
            return List.of();
        }
        if (!node.isArray()) {
            throw fail(at, "must be a list of event types");
        }
        List<String> actions = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String actionAt = at + "[" + i + "]";
            String action = node.get(i).isTextual() ? node.get(i).asText() : null;
            Set<String> needed = action == null ? null : Supervisor.FACTS_NEEDED.get(action);
            if (needed == null) {
                throw fail(actionAt, "'" + node.get(i).asText() + "' is not an event the supervisor emits; one of "
                        + new TreeSet<>(Supervisor.FACTS_NEEDED.keySet()));
            }
            for (Policy.Match clause : match) {
                for (String fact : new TreeSet<>(needed)) {
                    if (!Supervisor.OBSERVABLE.get(clause.type()).contains(fact)) {
                        throw fail(actionAt, action + " needs the fact '" + fact + "', which " + clause.type()
                                + " does not carry");
                    }
                }
            }
            actions.add(action);
        }
        return actions;
    }

    private String text(JsonNode node, String at, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw fail(at.isEmpty() ? field : at + "." + field, "a non-empty string is required");
        }
        return value.asText();
    }

    private void knownFields(JsonNode node, String at, Set<String> known) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw fail(at.isEmpty() ? name : at + "." + name, "unknown field; expected one of "
                        + new TreeSet<>(known));
            }
        }
    }

    private PolicyFileException fail(String field, String message) {
        return new PolicyFileException(file + ": " + (field.isEmpty() ? "" : field + ": ") + message);
    }
}
