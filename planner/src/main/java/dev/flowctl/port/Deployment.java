package dev.flowctl.port;

/** What an engine returns after deploying: its handle on the deployment (path, ARN…). */
public record Deployment(String engineRef) {
}
