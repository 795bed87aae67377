package dev.flowctl.cli;

/**
 * Configures slf4j-simple, the logger the AWS SDK and the command engine log through. Quiet by
 * default: every failure reaches the user as an error sentence, so SDK warnings would only add noise
 * (and end up in PR comments). {@code --debug} shows warnings, the AWS calls made and the commands run.
 * Must run before the first logger is created: slf4j-simple reads these properties once.
 */
final class Logging {
    private Logging() {
    }

    static void configure(boolean debug) {
        // Named explicitly so another provider on the class path (a plugin's, a test's) never makes SLF4J warn.
        setDefault("slf4j.provider", "org.slf4j.simple.SimpleServiceProvider");
        setDefault("slf4j.internal.verbosity", "WARN");
        setDefault("org.slf4j.simpleLogger.logFile", "System.err");
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", debug ? "warn" : "off");
        if (debug) {
            setDefault("org.slf4j.simpleLogger.log.software.amazon.awssdk.request", "debug");
            setDefault("org.slf4j.simpleLogger.log.dev.flowctl", "debug");
            setDefault("org.slf4j.simpleLogger.showDateTime", "true");
            setDefault("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        }
    }

    /** A property given on the command line (-D…, FLOWCTL_JAVA_OPTS) wins. */
    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) System.setProperty(key, value);
    }
}
