package dev.flowctl.engine.stepfunctions;

import dev.flowctl.port.EngineException;
import dev.flowctl.errors.ErrorCode;
import java.util.Locale;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidLoggingConfigurationException;
import software.amazon.awssdk.services.sfn.model.InvalidTracingConfigurationException;
import software.amazon.awssdk.services.sfn.model.SfnException;

/**
 * Turns a Step Functions failure into one sentence that says what to fix. Throttling and
 * transient errors never get here: the SDK's standard retry strategy retries them first.
 */
final class SfnErrors {
    private SfnErrors() {
    }

    /**
     * @param action what flowctl was doing, e.g. "create state machine risk-fleet-v1"
     * @param where  the flow version or definition file the user can change
     */
    static EngineException map(SdkException e, String action, String where, String roleArn) {
        String detail = detail(e);
        String lower = detail.toLowerCase(Locale.ROOT);
        if (e instanceof InvalidDefinitionException) {
            return new EngineException(ErrorCode.ENGINE_DEFINITION_INVALID, "Step Functions rejected the definition of " + where + " (" + detail
                    + "); fix the Amazon States Language file and run apply again.", e);
        }
        if (e instanceof InvalidLoggingConfigurationException) {
            return new EngineException("Step Functions rejected the logging settings for " + where + " (" + detail
                    + "); check logging.logGroupArn and that role " + roleArn + " may write to CloudWatch Logs.", e);
        }
        if (e instanceof InvalidTracingConfigurationException) {
            return new EngineException("Step Functions rejected tracing for " + where + " (" + detail
                    + "); set tracing: true or false in the engine: block.", e);
        }
        String code = e instanceof SfnException s && s.awsErrorDetails() != null ? s.awsErrorDetails().errorCode() : null;
        // The caller's own identity is often an assumed role too, so only the configured role counts here.
        boolean roleProblem = lower.contains("assume the provided role") || lower.contains("not authorized to assume")
                || (roleArn != null && detail.contains(roleArn)) || (e instanceof InvalidArnException && lower.contains("role"));
        if (roleProblem) {
            return new EngineException(ErrorCode.ENGINE_ACCESS_DENIED, "Step Functions cannot use role " + roleArn + " to " + action + " (" + detail
                    + "); check roleArn in the engine: block: the role must exist and trust states.amazonaws.com.", e);
        }
        if ("AccessDeniedException".equals(code) || "AccessDenied".equals(code)) {
            return new EngineException(ErrorCode.ENGINE_ACCESS_DENIED, "access denied when trying to " + action + " (" + detail
                    + "); grant the deploying identity states:* on this project's state machines and iam:PassRole on "
                    + roleArn + ".", e);
        }
        if ("UnrecognizedClientException".equals(code) || "ExpiredTokenException".equals(code)
                || "InvalidSignatureException".equals(code)) {
            return new EngineException(ErrorCode.ENGINE_ACCESS_DENIED, "AWS did not accept the credentials when trying to " + action + " (" + detail
                    + "); refresh them or set profile: in the engine: block.", e);
        }
        if (timedOut(e)) {
            return new EngineException(ErrorCode.ENGINE_UNREACHABLE, "Step Functions did not answer in time to " + action + " (" + detail
                    + "); check endpoint: and the network, or raise timeout: in the engine: block (default 30s).", e);
        }
        if (e instanceof SdkClientException) {
            return new EngineException(ErrorCode.ENGINE_UNREACHABLE, "cannot reach Step Functions to " + action + " (" + detail
                    + "); check region, endpoint and credentials in the engine: block, and the network.", e);
        }
        return new EngineException("Step Functions failed to " + action + " for " + where + ": " + detail + ".", e);
    }

    /**
     * The same for a run: a refusal names the actions runs need rather than the deploying identity's.
     *
     * @param action what flowctl was doing, e.g. "start a run of fleet_features@v1 on ARN"
     */
    static EngineException forRun(SdkException e, String action, String where) {
        String code = e instanceof SfnException s && s.awsErrorDetails() != null ? s.awsErrorDetails().errorCode() : null;
        if ("AccessDeniedException".equals(code) || "AccessDenied".equals(code)) {
            return new EngineException(ErrorCode.ENGINE_ACCESS_DENIED, "access denied when trying to " + action + " (" + detail(e) + "); grant the identity"
                    + " states:StartExecution, states:DescribeExecution, states:StopExecution, states:ListExecutions,"
                    + " states:ListStateMachineVersions, states:ListTagsForResource and states:DescribeStateMachine on this project's state machines.", e);
        }
        return map(e, action, where, null);
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException) return true;
            if (t instanceof java.net.SocketTimeoutException) return true;
        }
        return false;
    }

    /**
     * What the service said: its error code and message. When it gave no message (an emulator, or a
     * proxy's bare 5xx), the HTTP status and request id stand in, so the error can still be traced.
     */
    static String detail(SdkException e) {
        if (e instanceof AwsServiceException s) {
            AwsErrorDetails d = s.awsErrorDetails();
            String code = d == null || d.errorCode() == null || d.errorCode().isBlank() ? null : d.errorCode();
            String msg = d == null || d.errorMessage() == null ? "" : d.errorMessage().strip();
            if (!msg.isEmpty()) return (code == null ? "" : code + ": ") + msg;
            return (code == null ? "no error code" : code) + ", HTTP status " + s.statusCode()
                    + (s.requestId() == null || s.requestId().isBlank() ? ", no request id" : ", request id " + s.requestId());
        }
        String msg = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        return msg.lines().findFirst().orElse(msg).replaceAll("[.\\s]+$", "");
    }
}
