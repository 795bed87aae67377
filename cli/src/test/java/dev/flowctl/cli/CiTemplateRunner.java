package dev.flowctl.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Runs the shell of a CI template the way the CI system would: GitHub `run:` steps (skipping
 * `uses:` actions and the install step, whose job here is done by a flowctl on PATH) and GitLab
 * `script:` entries, in a repository directory, with flowctl built from this checkout and fakes of
 * the GitHub CLI and GitLab API that keep comments and issues on disk.
 */
final class CiTemplateRunner {
    /** What one job did: whether it passed, and its combined log. */
    record Job(boolean passed, String log) {
        @Override
        public String toString() {
            return (passed ? "PASSED" : "FAILED") + "\n" + log;
        }
    }

    private static final Pattern HASH_FILES = Pattern.compile("hashFiles\\('([^']+)'\\) != ''");

    final Path repo;
    final Path forge;
    final Path summary;
    private final Path bin;

    CiTemplateRunner(Path tmp) {
        this.repo = tmp.resolve("repo");
        this.forge = tmp.resolve("forge");
        this.bin = tmp.resolve("bin");
        this.summary = tmp.resolve("step-summary.md");
        try {
            Files.createDirectories(repo);
            Files.createDirectories(forge);
            Files.createDirectories(bin);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            executable(bin.resolve("flowctl"), "#!/bin/sh\nexec '" + java + "' -XX:TieredStopAtLevel=1 -cp '"
                    + System.getProperty("java.class.path") + "' dev.flowctl.cli.Main \"$@\"\n");
            for (String fake : List.of("gh", "curl")) {
                try (InputStream in = CiTemplateRunner.class.getResourceAsStream("/forge-fakes/" + fake)) {
                    executable(bin.resolve(fake), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        shell("git init -q -b main && git config user.email ci@example.com && git config user.name ci", Map.of());
    }

    static Path template(String relative) {
        return JsonSchemas.repo().resolve("ci-templates").resolve(relative);
    }

    /** Commits the working tree, as the push that triggers the pipeline. */
    void commit(String message) {
        shell("git add -A && git commit -q -m '" + message + "'", Map.of());
    }

    /** Runs every job of a GitHub Actions workflow in order; a job fails if a step fails. */
    @SuppressWarnings("unchecked")
    Job github(String workflow) {
        Map<String, Object> doc = load(template("github/" + workflow));
        Map<String, String> env = new LinkedHashMap<>(strings((Map<String, Object>) doc.get("env")));
        env.put("GITHUB_REPOSITORY", "acme/flows");
        env.put("PR_NUMBER", "7");
        env.put("GH_TOKEN", "fake");
        StringBuilder log = new StringBuilder();
        boolean passed = true;
        for (Object jobObject : ((Map<String, Object>) doc.get("jobs")).values()) {
            for (Object stepObject : (List<Object>) ((Map<String, Object>) jobObject).get("steps")) {
                Map<String, Object> step = (Map<String, Object>) stepObject;
                if (!step.containsKey("run") || "install-flowctl".equals(step.get("id"))) continue;
                String condition = String.valueOf(step.getOrDefault("if", ""));
                if (!passed && !condition.contains("always()")) continue;
                Matcher files = HASH_FILES.matcher(condition);
                if (files.find() && !Files.exists(repo.resolve(files.group(1)))) continue;
                Map<String, String> stepEnv = new LinkedHashMap<>(env);
                stepEnv.put("GITHUB_OUTPUT", forge.resolve("github-output").toString());
                stepEnv.put("GITHUB_STEP_SUMMARY", summary.toString());
                Job result = shell("set -eo pipefail\n" + step.get("run"), stepEnv);
                log.append("## ").append(step.get("name")).append('\n').append(result.log());
                passed &= result.passed();
            }
        }
        return new Job(passed, log.toString());
    }

    /** Runs the `script:` of one GitLab job; like GitLab, it stops at the first failing entry. */
    @SuppressWarnings("unchecked")
    Job gitlab(String job) {
        Map<String, Object> doc = load(template("gitlab/flowctl.gitlab-ci.yml"));
        Map<String, String> env = new LinkedHashMap<>(strings((Map<String, Object>) doc.get("variables")));
        env.put("CI_API_V4_URL", "https://gitlab.example.com/api/v4");
        env.put("CI_PROJECT_ID", "42");
        env.put("CI_MERGE_REQUEST_IID", "7");
        env.put("FLOWCTL_GITLAB_TOKEN", "fake");
        StringBuilder log = new StringBuilder();
        for (Object entry : (List<Object>) ((Map<String, Object>) doc.get(job)).get("script")) {
            Job result = shell("set -eo pipefail\n" + entry, env);
            log.append(result.log());
            if (!result.passed()) return new Job(false, log.toString());
        }
        return new Job(true, log.toString());
    }

    /** The bodies of the comments (PR comments or MR notes) the fake forge holds, oldest first. */
    List<String> comments() {
        return bodies(forge.resolve("comments"));
    }

    /** The bodies of the issues still open in the fake forge. */
    List<String> openIssues() {
        Path dir = forge.resolve("issues");
        if (!Files.isDirectory(dir)) return List.of();
        try (var s = Files.list(dir)) {
            return s.sorted().filter(p -> read(p.resolve("state")).trim().equals("open")).map(p -> read(p.resolve("body"))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String summary() {
        return Files.exists(summary) ? read(summary) : "";
    }

    private static List<String> bodies(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (var s = Files.list(dir)) {
            return s.sorted((a, b) -> Integer.compare(Integer.parseInt(a.getFileName().toString()), Integer.parseInt(b.getFileName().toString())))
                    .map(p -> read(p.resolve("body"))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Job shell(String script, Map<String, String> env) {
        try {
            ProcessBuilder pb = new ProcessBuilder("bash", "--noprofile", "--norc", "-c", script).directory(repo.toFile())
                    .redirectErrorStream(true);
            pb.environment().putAll(env);
            pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
            pb.environment().put("FORGE_DIR", forge.toString());
            pb.environment().put("NO_COLOR", "1");
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return new Job(false, out + "\n(timed out)");
            }
            return new Job(p.exitValue() == 0, out + "(exit " + p.exitValue() + ")\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> load(Path file) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(read(file));
    }

    private static Map<String, String> strings(Map<String, Object> map) {
        Map<String, String> out = new LinkedHashMap<>();
        if (map != null) map.forEach((k, v) -> out.put(k, v == null ? "" : String.valueOf(v)));
        return out;
    }

    private static void executable(Path file, String content) throws IOException {
        Files.writeString(file, content);
        file.toFile().setExecutable(true);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
