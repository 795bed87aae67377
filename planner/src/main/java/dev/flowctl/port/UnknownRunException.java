package dev.flowctl.port;


/**
 * The engine knows no such run of the version (a wrong or foreign run id): the caller's mistake,
 * not an engine failure, so the gateway answers NOT_FOUND rather than UNAVAILABLE.
 */
public class UnknownRunException extends EngineException {
    public UnknownRunException(String message) {
        super(dev.flowctl.errors.ErrorCode.RUN_UNKNOWN, message);
    }

    public UnknownRunException(String message, Throwable cause) {
        super(dev.flowctl.errors.ErrorCode.RUN_UNKNOWN, message, cause);
    }
}
