package com.mpac.launcher;

/**
 * A failure the user can act on. The launcher prints its message as one line, without a stack trace, and exits
 * non-zero: a taken port or a missing build is not a bug in the launcher.
 */
final class LauncherException extends RuntimeException {

    LauncherException(String message) {
        super(message);
    }

    LauncherException(String message, Throwable cause) {
        super(message, cause);
    }
}
