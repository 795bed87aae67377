package dev.flowctl.state.s3;

import dev.flowctl.errors.ErrorCode;
import dev.flowctl.state.StateException;
import dev.flowctl.spec.Durations;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Where S3 state lives and how to reach it: {@code state: { backend: s3, bucket, key, region,
 * endpoint?, profile?, kmsKeyId?, pathStyle?, timeout? }} or a {@code --state s3://bucket/key} URI.
 *
 * @param timeout how long one request may wait for the endpoint (to connect, and for each answer)
 */
public record S3Location(String bucket, String key, String region, URI endpoint, String profile, String kmsKeyId,
                         boolean pathStyle, Duration timeout) {
    /** A request that hangs is given up after this long; state objects are small, so 30 s is generous. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** A location with the default timeout. */
    public S3Location(String bucket, String key, String region, URI endpoint, String profile, String kmsKeyId, boolean pathStyle) {
        this(bucket, key, region, endpoint, profile, kmsKeyId, pathStyle, DEFAULT_TIMEOUT);
    }

    public S3Location {
        if (timeout == null) timeout = DEFAULT_TIMEOUT;
        if (bucket == null || bucket.isBlank()) {
            throw new StateException(ErrorCode.STATE_LOCATION_INVALID, "the S3 state backend needs a bucket; set state.bucket in flows.yaml or use --state s3://BUCKET/KEY.");
        }
        if (key == null || key.isBlank()) {
            throw new StateException(ErrorCode.STATE_LOCATION_INVALID, "the S3 state backend needs a key; set state.key in flows.yaml or use --state s3://BUCKET/KEY.");
        }
        if (key.startsWith("/")) key = key.substring(1);
    }

    /** From a {@code state:} block (after environment overrides). */
    public static S3Location fromSettings(Map<String, Object> s) {
        return new S3Location(str(s, "bucket"), str(s, "key"), str(s, "region"), endpoint(str(s, "endpoint")),
                str(s, "profile"), str(s, "kmsKeyId"), Boolean.parseBoolean(String.valueOf(s.getOrDefault("pathStyle", "false"))),
                timeout(str(s, "timeout")));
    }

    /** From {@code s3://bucket/key}; region, endpoint, profile and KMS key come from {@code settings} when it names s3. */
    public static S3Location fromUri(String uri, Map<String, Object> settings) {
        String rest = uri.substring("s3://".length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || rest.substring(slash).matches("/*")) {
            throw new StateException(ErrorCode.STATE_LOCATION_INVALID, "--state " + uri + " is not an S3 state URI; write s3://BUCKET/KEY, e.g. s3://acme-flowctl/risk/prod.json.");
        }
        boolean s3Settings = "s3".equals(String.valueOf(settings.get("backend")));
        Map<String, Object> s = s3Settings ? settings : Map.of();
        return new S3Location(rest.substring(0, slash), rest.substring(slash + 1), str(s, "region"), endpoint(str(s, "endpoint")),
                str(s, "profile"), str(s, "kmsKeyId"), Boolean.parseBoolean(String.valueOf(s.getOrDefault("pathStyle", "false"))),
                timeout(str(s, "timeout")));
    }

    public String uri() {
        return "s3://" + bucket + "/" + key;
    }

    /** The lock object beside the state object. */
    public String lockKey() {
        return key + ".lock";
    }

    private static String str(Map<String, Object> s, String name) {
        Object v = s.get(name);
        return v == null || String.valueOf(v).isBlank() ? null : String.valueOf(v);
    }

    private static Duration timeout(String text) {
        if (text == null) return DEFAULT_TIMEOUT;
        return Durations.parse(text).filter(d -> !d.isZero()).orElseThrow(() -> new StateException(
                "state.timeout '" + text + "' is not a duration above zero; write e.g. 30s or 2m."));
    }

    private static URI endpoint(String text) {
        if (text == null) return null;
        try {
            URI u = URI.create(text);
            if (u.getScheme() == null || u.getHost() == null) throw new IllegalArgumentException("no scheme or host");
            return u;
        } catch (IllegalArgumentException e) {
            throw new StateException("state.endpoint '" + text + "' is not a URL; write e.g. https://s3.eu-west-1.amazonaws.com.");
        }
    }
}
