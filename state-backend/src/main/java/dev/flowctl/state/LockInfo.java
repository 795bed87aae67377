package dev.flowctl.state;

import java.net.InetAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Who holds a state lock, for what, since when; {@code id} is what force-unlock takes. */
public record LockInfo(String id, String who, String operation, Instant created, String toolVersion) {

    /** A new lock request for this process, with a fresh ID. */
    public static LockInfo forThisProcess(String operation, String toolVersion) {
        return new LockInfo(UUID.randomUUID().toString(), whoAmI(), operation,
                Instant.now().truncatedTo(ChronoUnit.SECONDS), toolVersion);
    }

    /** user@host, plus the CI job when one is detectable. */
    public static String whoAmI() {
        String user = System.getProperty("user.name", "unknown");
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = System.getenv().getOrDefault("HOSTNAME", "unknown-host");
        }
        String who = user + "@" + host;
        var env = System.getenv();
        if (env.containsKey("GITHUB_RUN_ID")) {
            who += " (GitHub Actions " + env.getOrDefault("GITHUB_REPOSITORY", "") + " run " + env.get("GITHUB_RUN_ID") + ")";
        } else if (env.containsKey("CI_JOB_ID")) {
            who += " (GitLab CI " + env.getOrDefault("CI_PROJECT_PATH", "") + " job " + env.get("CI_JOB_ID") + ")";
        }
        return who;
    }
}
