package dev.flowctl.engine.stepfunctions;

import dev.flowctl.engine.EngineSettings;
import dev.flowctl.plan.ContentHasher;
import dev.flowctl.port.EngineException;
import dev.flowctl.spec.Durations;
import dev.flowctl.spec.Settings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.sfn.model.CloudWatchLogsLogGroup;
import software.amazon.awssdk.services.sfn.model.LogDestination;
import software.amazon.awssdk.services.sfn.model.LogLevel;
import software.amazon.awssdk.services.sfn.model.LoggingConfiguration;
import software.amazon.awssdk.services.sfn.model.TracingConfiguration;

/**
 * The stepfunctions engine settings of one version: role, logging, tracing, extra tags,
 * whether to publish versions and the alias to move, and what runs start on.
 *
 * @param alias the alias kept on the latest published version, or null for none
 * @param runOn what StartExecution is called on ({@code runOn:})
 */
record StepFunctionsSettings(String roleArn, LoggingConfiguration logging, TracingConfiguration tracing,
                             Map<String, String> tags, boolean publish, String alias, RunTarget runOn) {
    static final String TYPE = "stepfunctions";

    /** What a run starts on: the alias deploy moves, the latest version it published, or the machine's latest revision. */
    enum RunTarget {
        ALIAS, VERSION, MACHINE;

        String setting() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static StepFunctionsSettings of(Settings s) {
        String role = EngineSettings.required(s, "roleArn", TYPE, "arn:aws:iam::123456789012:role/flows");
        boolean publish = !"false".equals(s.string("publish").orElse("true"));
        String alias = s.string("alias").orElse("live");
        if (!publish || alias.isBlank() || alias.equals("false")) alias = null;
        if (alias != null && !alias.matches("[A-Za-z0-9_-]{1,80}")) {
            throw new EngineException("the stepfunctions alias '" + alias + "' is not a legal alias name; use letters, digits, '-' and '_'.");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        EngineSettings.map(s, "tags", TYPE).forEach((k, v) -> tags.put(k, String.valueOf(v)));
        return new StepFunctionsSettings(role, logging(s), tracing(s), tags, publish, alias, runOn(s, publish, alias));
    }

    /**
     * {@code runOn:} alias, version or machine; by default the alias when there is one, else the
     * latest published version, else (publish: false) the machine.
     */
    private static RunTarget runOn(Settings s, boolean publish, String alias) {
        String raw = s.string("runOn").orElse(null);
        if (raw == null) return alias != null ? RunTarget.ALIAS : publish ? RunTarget.VERSION : RunTarget.MACHINE;
        RunTarget on = java.util.Arrays.stream(RunTarget.values()).filter(t -> t.setting().equals(raw)).findFirst()
                .orElseThrow(() -> new EngineException("the stepfunctions engine's runOn is '" + raw
                        + "'; write alias, version or machine."));
        if (on == RunTarget.ALIAS && alias == null) {
            throw new EngineException("runOn: alias needs the alias deploy moves, but " + (publish ? "alias: is off" : "publish: is false")
                    + "; set alias: live and publish: true, or runOn: version or machine.");
        }
        if (on == RunTarget.VERSION && !publish) {
            throw new EngineException("runOn: version needs published versions, but publish: is false; set publish: true, or runOn: machine.");
        }
        return on;
    }

    /** How long one API request may wait for an answer ({@code timeout:}, default 30 s). */
    static Duration requestTimeout(Settings s) {
        return s.string("timeout").map(t -> Durations.parse(t).filter(d -> !d.isZero()).orElseThrow(() -> new EngineException(
                "the stepfunctions engine's timeout is '" + t + "', not a duration above zero; write e.g. 30s or 2m.")))
                .orElse(Duration.ofSeconds(30));
    }

    private static LoggingConfiguration logging(Settings s) {
        Object raw = s.values().get("logging");
        if (raw == null) return null;
        Map<String, Object> m = EngineSettings.map(s, "logging", TYPE);
        String level = String.valueOf(m.getOrDefault("level", "ERROR")).toUpperCase(Locale.ROOT);
        LogLevel logLevel = LogLevel.fromValue(level);
        if (logLevel == LogLevel.UNKNOWN_TO_SDK_VERSION) {
            throw new EngineException("logging.level '" + level + "' is not one of ALL, ERROR, FATAL, OFF.");
        }
        LoggingConfiguration.Builder b = LoggingConfiguration.builder().level(logLevel)
                .includeExecutionData(Boolean.parseBoolean(String.valueOf(m.getOrDefault("includeExecutionData", "false"))));
        Object group = m.get("logGroupArn");
        if (group != null) {
            b.destinations(LogDestination.builder().cloudWatchLogsLogGroup(
                    CloudWatchLogsLogGroup.builder().logGroupArn(String.valueOf(group)).build()).build());
        } else if (logLevel != LogLevel.OFF) {
            throw new EngineException("logging.level " + level + " needs logging.logGroupArn, the CloudWatch Logs group to write to.");
        }
        return b.build();
    }

    private static TracingConfiguration tracing(Settings s) {
        return s.string("tracing").map(t -> TracingConfiguration.builder().enabled(Boolean.parseBoolean(t)).build()).orElse(null);
    }

    /** A hash of what Step Functions keeps of these settings, to notice edits made in the console. */
    static String configHash(String roleArn, LoggingConfiguration logging, TracingConfiguration tracing) {
        String level = logging == null || logging.level() == null ? "OFF" : logging.levelAsString();
        boolean traced = tracing != null && Boolean.TRUE.equals(tracing.enabled());
        String text = roleArn + "|" + level + "|" + traced;
        return ContentHasher.hash(text.getBytes(StandardCharsets.UTF_8));
    }

    String configHash() {
        return configHash(roleArn, logging, tracing);
    }
}
