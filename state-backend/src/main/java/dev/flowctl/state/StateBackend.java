package dev.flowctl.state;

/** A complete state backend: reader, writer and locker. */
public interface StateBackend extends StateReader, StateWriter, StateLocker {
    /** Where the state lives, for messages: a path or an s3:// URI. */
    String location();
}
