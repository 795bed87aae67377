package dev.flowctl.state.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import org.junit.jupiter.api.Test;

/**
 * Messages for the failures a local S3 server cannot produce (AWS's IAM, STS and KMS answers),
 * built from the error codes S3 documents.
 */
class S3ErrorsTest {
    static final S3Location WHERE = new S3Location("acme-flowctl", "risk/prod.json", "eu-west-1", null, null,
            "arn:aws:kms:eu-west-1:123456789012:key/abc", false);

    static S3Exception s3(int status, String code, String message) {
        return (S3Exception) S3Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
    }

    static String message(Exception e, String action) {
        return S3Errors.message((software.amazon.awssdk.core.exception.SdkException) e, action, "acme-flowctl/risk/prod.json", WHERE);
    }

    @Test
    void accessDeniedNamesTheActionAndTheResource() {
        assertEquals("access denied: s3:PutObject on arn:aws:s3:::acme-flowctl/risk/prod.json; grant the caller s3:PutObject on it, "
                + "or use a profile that has it.", message(s3(403, "AccessDenied", "Access Denied"), "s3:PutObject"));
    }

    @Test
    void expiredCredentialsSayToRefreshThem() {
        assertEquals("the AWS credentials have expired (ExpiredToken); refresh them (e.g. aws sso login, or a new session token) "
                + "and run again.", message(s3(400, "ExpiredToken", "The provided token has expired."), "s3:GetObject"));
    }

    @Test
    void kmsDenialNamesTheKey() {
        assertEquals("access to the KMS key arn:aws:kms:eu-west-1:123456789012:key/abc was denied during s3:PutObject on "
                        + "acme-flowctl/risk/prod.json (User: arn:aws:iam::1:user/ci is not authorized to perform: kms:GenerateDataKey); "
                        + "grant the caller kms:GenerateDataKey and kms:Decrypt on that key.",
                message(s3(403, "AccessDenied", "User: arn:aws:iam::1:user/ci is not authorized to perform: kms:GenerateDataKey."),
                        "s3:PutObject"));
        assertEquals(true, message(s3(400, "KMS.DisabledException", "key disabled"), "s3:GetObject").startsWith("access to the KMS key"));
    }

    @Test
    void missingCredentialsSayWhereToSetThem() {
        assertEquals("no AWS credentials found for the S3 state at s3://acme-flowctl/risk/prod.json; set a profile (state.profile or "
                        + "AWS_PROFILE), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run on a role.",
                message(SdkClientException.create("Unable to load credentials from any of the providers in the chain"), "s3:GetObject"));
    }

    @Test
    void aBucketInAnotherRegionSaysToFixTheRegion() {
        assertEquals("S3 bucket 'acme-flowctl' is not in region eu-west-1 (PermanentRedirect); set state.region to the bucket's region.",
                message(s3(301, "PermanentRedirect", "redirect"), "s3:GetObject"));
    }

    @Test
    void aFailureWithoutAReasonCarriesTheCodeStatusAndRequestId() {
        S3Exception bare = (S3Exception) S3Exception.builder().statusCode(500).requestId("4442587FB7D0A2F9")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("InternalError").build()).build();
        assertEquals("s3:PutObject on acme-flowctl/risk/prod.json failed: S3 answered HTTP 500 InternalError (no reason given, "
                + "request ID 4442587FB7D0A2F9); run again, and if it persists give the request ID to AWS support.",
                message(bare, "s3:PutObject"));
        S3Exception nothing = (S3Exception) S3Exception.builder().statusCode(503).requestId("R2").build();
        assertEquals("s3:GetObject on acme-flowctl/risk/prod.json failed: S3 answered HTTP 503 with no error code (no reason "
                + "given, request ID R2); run again, and if it persists give the request ID to AWS support.",
                message(nothing, "s3:GetObject"));
    }
}
