package dev.flowctl.state.s3;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The few S3 calls state needs, over AWS SDK v2: get, conditional put, delete, list versions.
 * Every failure becomes a one-sentence {@link dev.flowctl.state.StateException}, except a
 * failed precondition, which callers turn into a conflict or a held lock.
 */
final class BlobClient {
    /** One object (or one version of it) as read. */
    record Blob(byte[] bytes, String etag, String versionId, Instant lastModified, Map<String, String> metadata) {
    }

    /** One kept version of an object; listing gives no metadata. */
    record BlobVersion(String versionId, Instant lastModified, boolean latest) {
    }

    /** The write's precondition did not hold: the object exists (create) or changed (replace). */
    static final class PreconditionFailed extends RuntimeException {
        PreconditionFailed(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    private final S3Client s3;
    private final S3Location where;

    BlobClient(S3Client s3, S3Location where) {
        this.s3 = s3;
        this.where = where;
    }

    Optional<Blob> get(String key) {
        try {
            return Optional.of(blob(s3.getObjectAsBytes(GetObjectRequest.builder().bucket(where.bucket()).key(key).build())));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw S3Errors.map(e, "s3:GetObject", where.bucket() + "/" + key, where);
        }
    }

    /** One version; empty when no such version exists. */
    Optional<Blob> getVersion(String key, String versionId) {
        try {
            return Optional.of(blob(s3.getObjectAsBytes(GetObjectRequest.builder().bucket(where.bucket()).key(key)
                    .versionId(versionId).build())));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            String code = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
            if (code.equals("NoSuchVersion") || (e.statusCode() == 400 && code.equals("InvalidArgument"))) return Optional.empty();
            throw S3Errors.map(e, "s3:GetObjectVersion", where.bucket() + "/" + key, where);
        } catch (SdkException e) {
            throw S3Errors.map(e, "s3:GetObjectVersion", where.bucket() + "/" + key, where);
        }
    }

    /** The current ETag of an object (a HEAD request); empty when there is no such object. */
    Optional<String> etag(String key) {
        try {
            return Optional.of(s3.headObject(b -> b.bucket(where.bucket()).key(key)).eTag());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) return Optional.empty();
            throw S3Errors.map(e, "s3:GetObject", where.bucket() + "/" + key, where);
        } catch (SdkException e) {
            throw S3Errors.map(e, "s3:GetObject", where.bucket() + "/" + key, where);
        }
    }

    /** User metadata of one version (a HEAD request). */
    Map<String, String> metadata(String key, String versionId) {
        try {
            return s3.headObject(b -> b.bucket(where.bucket()).key(key).versionId(versionId)).metadata();
        } catch (SdkException e) {
            throw S3Errors.map(e, "s3:GetObjectVersion", where.bucket() + "/" + key, where);
        }
    }

    /**
     * Writes an object if it does not exist ({@code ifMatch} null: {@code If-None-Match: *}) or if
     * its ETag is still {@code ifMatch}; returns the new ETag.
     *
     * @throws PreconditionFailed when the condition does not hold
     */
    String put(String key, byte[] bytes, String ifMatch, Map<String, String> metadata) {
        PutObjectRequest.Builder req = PutObjectRequest.builder().bucket(where.bucket()).key(key)
                .contentType("application/json").metadata(metadata);
        if (ifMatch == null) req.ifNoneMatch("*");
        else req.ifMatch(ifMatch);
        if (where.kmsKeyId() != null) req.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(where.kmsKeyId());
        try {
            return s3.putObject(req.build(), RequestBody.fromBytes(bytes)).eTag();
        } catch (S3Exception e) {
            // 412: the condition failed; 409: a concurrent conditional write to the same key won.
            if (e.statusCode() == 412 || e.statusCode() == 409) throw new PreconditionFailed(e);
            throw S3Errors.map(e, "s3:PutObject", where.bucket() + "/" + key, where);
        } catch (SdkException e) {
            throw S3Errors.map(e, "s3:PutObject", where.bucket() + "/" + key, where);
        }
    }

    void delete(String key) {
        try {
            s3.deleteObject(b -> b.bucket(where.bucket()).key(key));
        } catch (SdkException e) {
            throw S3Errors.map(e, "s3:DeleteObject", where.bucket() + "/" + key, where);
        }
    }

    /** Every kept version of exactly {@code key} (not of keys it prefixes), newest first as S3 lists them. */
    List<BlobVersion> listVersions(String key) {
        List<BlobVersion> out = new ArrayList<>();
        try {
            for (ObjectVersion v : s3.listObjectVersionsPaginator(b -> b.bucket(where.bucket()).prefix(key)).versions()) {
                if (v.key().equals(key)) out.add(new BlobVersion(v.versionId(), v.lastModified(), Boolean.TRUE.equals(v.isLatest())));
            }
        } catch (SdkException e) {
            throw S3Errors.map(e, "s3:ListBucketVersions", where.bucket(), where);
        }
        return out;
    }

    boolean versioningEnabled() {
        try {
            return s3.getBucketVersioning(b -> b.bucket(where.bucket())).status() == BucketVersioningStatus.ENABLED;
        } catch (SdkException e) {
            throw S3Errors.map(e, "s3:GetBucketVersioning", where.bucket(), where);
        }
    }

    private static Blob blob(ResponseBytes<GetObjectResponse> r) {
        GetObjectResponse h = r.response();
        return new Blob(r.asByteArray(), h.eTag(), h.versionId(), h.lastModified(), h.metadata());
    }
}
