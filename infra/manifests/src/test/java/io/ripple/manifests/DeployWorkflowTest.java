package io.ripple.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.knative.serving.v1.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The users' kind workflow cannot run here (no Docker, no cluster), so at least keep it
 * consistent with what it deploys: the image it loads is the one the dev overlay runs, the
 * directories it uses exist, and the commands it sends are ones the mailbox accepts.
 */
class DeployWorkflowTest {

    private static JsonNode workflow;
    private static String text;

    @BeforeAll
    static void read() throws IOException {
        Path file = RepoPaths.repo().resolve(".github/workflows/deploy-kind.yml");
        text = Files.readString(file);
        workflow = new ObjectMapper(new YAMLFactory()).readTree(text);
    }

    @Test
    void saysItIsNotRunByRipplesOwnCi() {
        assertThat(text).contains("NOT been run by Ripple's own");
    }

    @Test
    void loadsTheImageTheDevOverlayRuns() {
        KustomizeRenderer renderer = new KustomizeRenderer(RequiredTool.require("kubectl").toString());
        ManifestSet dev = ManifestSet.readYaml("dev", renderer.render(RepoPaths.repo().resolve("knative/overlays/dev")));
        String image = dev.ofType(Service.class).stream().filter(t -> t.manifest().name().equals("coffee-machine"))
                .findFirst().orElseThrow().resource().getSpec().getTemplate().getSpec().getContainers().get(0).getImage();

        assertThat(workflow.path("env").path("ACTOR_IMAGE").asText()).isEqualTo(image);
    }

    @Test
    void everyWorkingDirectoryExists() {
        List<String> directories = new ArrayList<>();
        workflow.path("jobs").forEach(job -> job.path("steps").forEach(step -> {
            if (step.has("working-directory")) {
                directories.add(step.get("working-directory").asText());
            }
        }));
        assertThat(directories).isNotEmpty()
                .allSatisfy(dir -> assertThat(RepoPaths.repo().resolve(dir)).isDirectory());
    }

    @Test
    void sendsOnlyCommandsTheCoffeeMachineMailboxAccepts() {
        ManifestSet base = ManifestSet.readDirectory(RepoPaths.knativeBase());
        List<String> accepted = base.ofType(Trigger.class).stream()
                .filter(t -> t.manifest().name().equals("coffee-machine")).findFirst().orElseThrow()
                .resource().getSpec().getFilters().get(0).getAny().stream()
                .map(filter -> filter.getExact().get("type")).toList();
        List<String> sent = new ArrayList<>();
        Matcher send = Pattern.compile("^\\s*send (\\S+) ", Pattern.MULTILINE).matcher(text);
        while (send.find()) {
            sent.add(send.group(1));
        }

        assertThat(sent).containsExactly("coffee.machine.initialize", "coffee.machine.brew",
                "coffee.machine.finish-brewing");
        assertThat(accepted).containsAll(sent);
    }
}
