package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The tarball `./mvnw package` builds, installed the way the CI templates install it (their own
 * install step, FLOWCTL_URL pointing at the file), then run as a user's CI job runs it.
 */
class DistributionIT {
    @TempDir
    Path tmp;

    private final Path tarball = Path.of(System.getProperty("flowctl.dist", "target/flowctl.tar.gz"));

    @Test
    void githubInstallStepUnpacksARunnableFlowctlOntoThePath() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path githubPath = tmp.resolve("github-path");
        Result install = bash(installStep("github/flowctl-plan.yml"), tmp, Map.of(
                "HOME", home.toString(), "FLOWCTL_URL", tarball.toUri().toString(), "GITHUB_PATH", githubPath.toString()));
        assertEquals(0, install.code, install.out);
        Path bin = home.resolve(".flowctl/bin");
        assertEquals(bin + "\n", Files.readString(githubPath));

        Path repo = exampleRepo();
        Result plan = bash("flowctl plan -f flows.yaml.example --no-color --detailed-exitcode", repo,
                Map.of("PATH", bin + ":" + System.getenv("PATH")));
        assertEquals(ExitCode.CHANGES, plan.code, plan.out);
        assertTrue(plan.out.contains("Plan: 4 to create, 0 to update, 0 to delete."), plan.out);

        // The first run recorded the class-data archive; the next maps it, and says nothing about it.
        assertTrue(Files.isRegularFile(home.resolve(".flowctl/flowctl.jsa")));
        Result version = bash(bin.resolve("flowctl") + " --version", tmp, Map.of());
        assertEquals(0, version.code, version.out);
        assertTrue(version.out.startsWith("flowctl "), version.out);
    }

    @Test
    void gitlabBeforeScriptInstallsIntoTheProjectDirectory() throws Exception {
        Path repo = exampleRepo();
        @SuppressWarnings("unchecked")
        List<String> before = (List<String>) ((Map<String, Object>) template("gitlab/flowctl.gitlab-ci.yml").get("default"))
                .get("before_script");
        String install = String.join("\n", before.stream().filter(line -> line.contains("FLOWCTL_URL") || line.contains("PATH=")).toList());
        Result r = bash("set -e\n" + install + "\nflowctl validate -f flows.yaml.example", repo,
                Map.of("FLOWCTL_URL", tarball.toUri().toString()));
        assertEquals(0, r.code, r.out);
        assertTrue(r.out.contains("flows.yaml.example is valid"), r.out);
        assertTrue(Files.isExecutable(repo.resolve(".flowctl-dist/bin/flowctl")));
    }

    /** The `run:` of the step with id install-flowctl. */
    @SuppressWarnings("unchecked")
    private static String installStep(String workflow) throws IOException {
        for (Object job : ((Map<String, Object>) template(workflow).get("jobs")).values()) {
            for (Object step : (List<Object>) ((Map<String, Object>) job).get("steps")) {
                Map<String, Object> s = (Map<String, Object>) step;
                if ("install-flowctl".equals(s.get("id"))) return "set -eo pipefail\n" + s.get("run");
            }
        }
        throw new AssertionError(workflow + " has no step with id install-flowctl");
    }

    /**
     * The README's first command on a fresh checkout: ./flowctl builds itself (without test
     * compilation) and plans the example. In CI nothing of flowctl's own is in ~/.m2, so a build
     * that needs another module's test jar fails here as on a new user's machine.
     */
    @Test
    void readmeFirstCommandBuildsAndPlansOnAFreshCheckout() throws Exception {
        Path root = JsonSchemas.repo();
        Path checkout = Files.createDirectories(tmp.resolve("checkout"));
        Process ls = new ProcessBuilder("git", "ls-files", "-z").directory(root.toFile()).start();
        String[] tracked = new String(ls.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\0");
        assertEquals(0, ls.waitFor());
        for (String file : tracked) {
            Path from = root.resolve(file);
            if (!Files.isRegularFile(from)) continue;   // deleted in the working tree
            Path to = checkout.resolve(file);
            Files.createDirectories(to.getParent());
            Files.copy(from, to, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
        Result plan = bash("./flowctl plan -f flows.yaml.example --no-color", checkout, Map.of());
        assertEquals(0, plan.code, plan.out);
        assertTrue(plan.out.contains("Plan: 4 to create, 0 to update, 0 to delete."), plan.out);
    }

    private static Map<String, Object> template(String relative) throws IOException {
        String text = Files.readString(JsonSchemas.repo().resolve("ci-templates").resolve(relative));
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    }

    /** A repository holding the example project, as a user's checkout would. */
    private Path exampleRepo() throws IOException {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Path root = JsonSchemas.repo();
        Files.copy(root.resolve("flows.yaml.example"), repo.resolve("flows.yaml.example"));
        try (var files = Files.walk(root.resolve("examples/flows"))) {
            for (Path f : files.toList()) copyInto(root, f, repo);
        }
        try (var files = Files.walk(root.resolve("examples/definitions"))) {
            for (Path f : files.toList()) copyInto(root, f, repo);
        }
        return repo;
    }

    private static void copyInto(Path root, Path file, Path repo) throws IOException {
        Path target = repo.resolve(root.relativize(file).toString());
        if (Files.isDirectory(file)) Files.createDirectories(target);
        else Files.copy(file, target);
    }

    private record Result(int code, String out) {
    }

    private static Result bash(String script, Path dir, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "timed out:\n" + out);
        return new Result(p.exitValue(), out);
    }
}
