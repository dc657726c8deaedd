package io.ripple.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Offline checks of terraform/: every file parses (HashiCorp's HCL parser via
 * {@code @cdktf/hcl2json}, since {@code terraform init/validate} need the provider registry),
 * is formatted ({@code terraform fmt -check}, when terraform is installed), every module has
 * the standard files, and every variable is typed, documented, validated and used.
 */
class TerraformTest {

    private static final String HCL_PARSER_PACKAGE = "@cdktf/hcl2json";
    private static final List<String> MODULE_FILES = List.of("main.tf", "variables.tf", "outputs.tf", "versions.tf");

    private static Path terraform;
    private static Map<Path, JsonNode> parsed;

    @BeforeAll
    static void parseEveryFile() throws IOException {
        terraform = RepoPaths.repo().resolve("terraform");
        List<Path> files = tfFiles(terraform);
        assertThat(files).isNotEmpty();
        Run run = parseHcl(files);
        assertThat(run.exitCode).as("hcl2json: %s", run.stderr).isZero();
        JsonNode all = new ObjectMapper().readTree(run.stdout);
        parsed = new TreeMap<>();
        files.forEach(file -> parsed.put(file, all.path(file.toString())));
    }

    @Test
    void everyFileParses() {
        assertThat(parsed.values()).allSatisfy(json -> assertThat(json.isObject()).isTrue());
    }

    @Test
    void syntaxErrorIsReportedWithFileAndLine(@TempDir Path temp) throws IOException {
        Path broken = temp.resolve("main.tf");
        Files.writeString(broken, "resource \"a\" \"b\" {\n  v = 1\n");

        Run run = parseHcl(List.of(broken));

        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.stderr).contains(broken.toString()).contains("main.tf:1,").contains("Unclosed configuration block");
    }

    @Test
    void everyModuleAndExampleHasTheStandardFiles() throws IOException {
        List<Path> roots = moduleRoots();
        assertThat(roots).extracting(root -> terraform.relativize(root).toString()).contains(
                "modules/knative", "modules/kafka", "modules/postgres", "modules/observability", "modules/ripple",
                "examples/dev", "examples/prod");
        for (Path root : roots) {
            for (String file : MODULE_FILES) {
                assertThat(root.resolve(file)).as("%s needs %s", root, file).isRegularFile();
            }
        }
    }

    @Test
    void everyVariableIsTypedDocumentedValidatedAndUsed() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path root : moduleRoots()) {
            problems.addAll(variableProblems(root, parsed.get(root.resolve("variables.tf"))));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void undocumentedUntypedUnvalidatedOrUnusedVariablesAreFound(@TempDir Path module) throws IOException {
        Files.writeString(module.resolve("variables.tf"), """
                variable "used" {
                  description = "fine"
                  type        = string
                  validation {
                    condition     = length(var.used) > 0
                    error_message = "empty"
                  }
                }

                variable "unused" {
                  description = "only its own validation refers to it"
                  type        = string
                  validation {
                    condition     = length(var.unused) > 0
                    error_message = "empty"
                  }
                }

                variable "bare" {
                }
                """);
        Files.writeString(module.resolve("main.tf"), "locals {\n  a = var.used\n  b = var.bare\n}\n");
        Run run = parseHcl(List.of(module.resolve("variables.tf")));
        JsonNode variables = new ObjectMapper().readTree(run.stdout).path(module.resolve("variables.tf").toString());

        assertThat(variableProblems(module, variables)).containsExactlyInAnyOrder(
                module.getFileName() + ": variable unused is never used",
                module.getFileName() + ": variable bare has no description",
                module.getFileName() + ": variable bare has no type",
                module.getFileName() + ": variable bare has no validation block");
    }

    /** Variables of the module in {@code root} that lack a description, type or validation, or are unused. */
    private static List<String> variableProblems(Path root, JsonNode variablesFile) throws IOException {
        List<String> problems = new ArrayList<>();
        String otherCode = tfFiles(root).stream().filter(f -> !f.getFileName().toString().equals("variables.tf"))
                .map(TerraformTest::read).collect(Collectors.joining("\n"));
        String variablesCode = read(root.resolve("variables.tf"));
        String module = root.startsWith(terraform) ? terraform.relativize(root).toString()
                : root.getFileName().toString();
        variablesFile.path("variable").fields().forEachRemaining(entry -> {
            String name = entry.getKey();
            JsonNode variable = entry.getValue().get(0);
            String where = module + ": variable " + name;
            if (variable.path("description").asText("").isBlank()) {
                problems.add(where + " has no description");
            }
            String type = variable.path("type").asText("");
            if (type.isEmpty()) {
                problems.add(where + " has no type");
            }
            if (!type.equals("${bool}") && !variable.has("validation")) {
                problems.add(where + " has no validation block");
            }
            // used outside its own declaration (its validation block may only refer to itself)
            Pattern use = Pattern.compile("\\bvar\\." + Pattern.quote(name) + "\\b");
            String otherVariables = variablesCode.replaceAll("(?s)variable \"" + Pattern.quote(name)
                    + "\" \\{.*?\\n}\\n", "");
            if (!use.matcher(otherCode).find() && !use.matcher(otherVariables).find()) {
                problems.add(where + " is never used");
            }
        });
        return problems;
    }

    @Test
    void everyOutputIsDescribed() {
        List<String> problems = new ArrayList<>();
        parsed.forEach((file, json) -> json.path("output").fields().forEachRemaining(output -> {
            if (output.getValue().get(0).path("description").asText("").isBlank()) {
                problems.add(terraform.relativize(file) + ": output " + output.getKey() + " has no description");
            }
        }));
        assertThat(problems).isEmpty();
    }

    @Test
    void everyProviderIsPinned() {
        List<String> problems = new ArrayList<>();
        parsed.forEach((file, json) -> json.path("terraform").forEach(block ->
                block.path("required_providers").forEach(providers -> providers.fields().forEachRemaining(p -> {
                    if (p.getValue().path("version").asText("").isBlank()) {
                        problems.add(file + ": provider " + p.getKey() + " has no version constraint");
                    }
                }))));
        assertThat(problems).isEmpty();
        assertThat(parsed.keySet()).filteredOn(f -> f.getFileName().toString().equals("versions.tf"))
                .hasSameSizeAs(parsed.keySet().stream().map(Path::getParent).distinct().toList());
    }

    @Test
    void filesAreFormatted() throws IOException {
        var terraformBinary = RequiredTool.find("terraform");
        if (terraformBinary.isEmpty()) {
            // terraform is not packaged by Debian: without it only the HCL parse above runs
            System.out.println("SKIPPED terraform fmt -check: terraform is not installed "
                    + "(HCL parsing with @cdktf/hcl2json still ran)");
            return;
        }
        Run run = Run.of(List.of(terraformBinary.get().toString(), "fmt", "-check", "-recursive", "-diff",
                terraform.toString()), Map.of());
        assertThat(run.exitCode).as("terraform fmt -check found unformatted files:\n%s", run.stdout).isZero();
    }

    private static List<Path> moduleRoots() {
        return parsed.keySet().stream().map(Path::getParent).distinct().sorted().collect(Collectors.toList());
    }

    private static List<Path> tfFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(f -> f.toString().endsWith(".tf"))
                    .filter(f -> !f.toString().contains("/.terraform/"))
                    .sorted().collect(Collectors.toList());
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Run parseHcl(List<Path> files) throws IOException {
        Path node = RequiredTool.require("node");
        Path npm = RequiredTool.require("npm");
        String globalModules = Run.of(List.of(npm.toString(), "root", "-g"), Map.of()).stdout.strip();
        if (!Files.isDirectory(Path.of(globalModules, HCL_PARSER_PACKAGE))) {
            String message = HCL_PARSER_PACKAGE + " is not installed globally; run .ci/deploy-tools.sh";
            if (RequiredTool.isCi()) {
                throw new AssertionError(message);
            }
            org.junit.jupiter.api.Assumptions.abort(message);
        }
        Path script = RepoPaths.repo().resolve("infra/manifests/src/test/node/hcl-parse.cjs");
        List<String> command = new ArrayList<>(List.of(node.toString(), script.toString()));
        files.forEach(f -> command.add(f.toString()));
        return Run.of(command, Map.of("NODE_PATH", globalModules));
    }

    /** A finished external command. */
    private record Run(int exitCode, String stdout, String stderr) {

        static Run of(List<String> command, Map<String, String> environment) throws IOException {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
            String out = drain(process.getInputStream());
            try {
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(command + " did not finish in 120s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            return new Run(process.exitValue(), out, err.join());
        }

        private static String drain(java.io.InputStream stream) {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
