package dev.flowctl.state.s3;

import dev.flowctl.state.StateException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Turns an AWS SDK failure into one sentence naming what failed, where, and what to do. */
final class S3Errors {
    private S3Errors() {
    }

    /**
     * @param action   the IAM action that was attempted, e.g. {@code s3:PutObject}
     * @param resource the object or bucket, e.g. {@code acme-flowctl/risk/prod.json}
     */
    static StateException map(SdkException e, String action, String resource, S3Location where) {
        return new StateException(message(e, action, resource, where), e);
    }

    static String message(SdkException e, String action, String resource, S3Location where) {
        if (e instanceof AwsServiceException s) return serviceMessage(s, action, resource, where);
        String text = String.valueOf(e.getMessage());
        if (text.contains("Unable to load credentials")) {
            return "no AWS credentials found for the S3 state at " + where.uri() + "; set a profile (state.profile or AWS_PROFILE), "
                    + "or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run on a role.";
        }
        if (text.contains("Unable to load region")) {
            return "no AWS region for the S3 state at " + where.uri() + "; set state.region in flows.yaml or AWS_REGION.";
        }
        if (timedOut(e)) {
            return "the S3 endpoint " + endpoint(where) + " did not answer within " + shown(where.timeout())
                    + " (state.timeout) for the state at " + where.uri() + "; check state.endpoint and the network, or raise"
                    + " state.timeout.";
        }
        if (e instanceof ApiCallTimeoutException || unreachable(e)) {
            return "cannot reach the S3 endpoint " + endpoint(where) + " (" + rootCause(e) + ") for the state at " + where.uri()
                    + "; check the network, state.region and state.endpoint.";
        }
        if (e instanceof SdkClientException) {
            return action + " on " + resource + " failed before S3 answered (" + firstLine(text) + "); run again with --debug for details.";
        }
        return action + " on " + resource + " failed (" + firstLine(text) + ").";
    }

    private static String serviceMessage(AwsServiceException s, String action, String resource, S3Location where) {
        String code = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode();
        String detail = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorMessage();
        code = code == null ? "" : code;
        String lowered = (code + " " + detail).toLowerCase(Locale.ROOT);
        if ("NoSuchBucket".equals(code)) {
            return "S3 bucket '" + where.bucket() + "' does not exist (state " + where.uri() + "); create it with versioning on, "
                    + "or fix state.bucket in flows.yaml.";
        }
        if (code.startsWith("KMS.") || (s.statusCode() == 403 && lowered.contains("kms"))) {
            return "access to the KMS key" + (where.kmsKeyId() == null ? "" : " " + where.kmsKeyId()) + " was denied during " + action
                    + " on " + resource + " (" + firstLine(detail == null ? code : detail) + "); grant the caller kms:GenerateDataKey "
                    + "and kms:Decrypt on that key.";
        }
        switch (code) {
            case "ExpiredToken", "ExpiredTokenException", "TokenRefreshRequired", "RequestExpired" -> {
                return "the AWS credentials have expired (" + code + "); refresh them (e.g. aws sso login, or a new session token) "
                        + "and run again.";
            }
            case "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken" -> {
                return "S3 rejected the AWS credentials (" + code + ") for " + where.uri() + "; check the access key, secret and "
                        + "profile in use.";
            }
            default -> {
            }
        }
        if (s.statusCode() == 403 || "AccessDenied".equals(code)) {
            return "access denied: " + action + " on arn:aws:s3:::" + resource + "; grant the caller " + action
                    + " on it, or use a profile that has it.";
        }
        if (s.statusCode() == 301 || "PermanentRedirect".equals(code) || "AuthorizationHeaderMalformed".equals(code)) {
            return "S3 bucket '" + where.bucket() + "' is not in region " + where.region() + " (" + code
                    + "); set state.region to the bucket's region.";
        }
        // Anything else, often with no message at all: what S3 said and the request ID, for AWS support.
        return action + " on " + resource + " failed: S3 answered HTTP " + s.statusCode() + " "
                + (code.isEmpty() ? "with no error code" : code) + " ("
                + (detail == null || detail.isBlank() ? "no reason given" : firstLine(detail))
                + (s.requestId() == null || s.requestId().isBlank() ? "" : ", request ID " + s.requestId())
                + "); run again, and if it persists give the request ID to AWS support.";
    }

    /** The endpoint was reached (or is being waited for) but did not answer in time. */
    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException) return true;
            if (t instanceof SocketTimeoutException && !String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT).contains("connect")) {
                return true;
            }
        }
        return false;
    }

    private static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || t instanceof SocketTimeoutException) {
                return true;
            }
            if (t instanceof UncheckedIOException || t instanceof IOException) {
                String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
                if (m.contains("connection refused") || m.contains("connect timed out") || m.contains("unknown host")) return true;
            }
        }
        return false;
    }

    private static String shown(java.time.Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + firstLine(m));
    }

    private static String endpoint(S3Location where) {
        if (where.endpoint() != null) return where.endpoint().toString();
        return where.region() == null ? "of AWS S3" : "s3." + where.region() + ".amazonaws.com";
    }

    private static String firstLine(String s) {
        if (s == null) return "no detail";
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
    }
}
