package dev.flowctl.cli;

import dev.flowctl.engine.stepfunctions.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * CLI tests against one Step Functions account: a moto_server over HTTP for the class (its tests
 * skip without moto_server), a client to look at what flowctl made, and the test credentials the
 * engine's default chain picks up (moto accepts any key).
 */
abstract class AgainstMoto {
    static MotoServer moto;
    static SfnClient sfn;

    @BeforeAll
    static void startMoto() throws Exception {
        moto = MotoServer.start();
        sfn = moto.client();
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
    }

    @AfterAll
    static void stopMoto() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        if (sfn != null) sfn.close();
        if (moto != null) moto.close();
    }
}
