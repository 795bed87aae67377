package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WorkspaceTest {
    /** The guess that starts an S3 client warming up: any spelling flows.yaml allows for an S3 backend, and nothing else. */
    @Test
    void namesS3RecognisesAnS3StateBackendAndNothingElse() {
        assertTrue(Workspace.namesS3("project: p\nstate: { backend: s3, bucket: b, key: k }\n"));
        assertTrue(Workspace.namesS3("state:\n  backend:   's3'\n"));
        assertTrue(Workspace.namesS3("environments:\n  prod:\n    state: {\"backend\": \"s3\"}\n"));
        assertTrue(Workspace.namesS3("state: {backend: s3}"));
        assertFalse(Workspace.namesS3("state: { backend: local }\ntypes:\n  s3_path: { base: string }\n"));
        assertFalse(Workspace.namesS3("state: { backend: s3proxy }\n"));
        assertFalse(Workspace.namesS3("flows:\n  backend_s3: {}\n"));
    }
}
