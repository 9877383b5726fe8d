package dev.leadflow.support;

import java.io.IOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.Assumptions;

/** What tests needing a machine service do when it is absent, and a free local port for one of their own. */
public final class MissingService {

    private MissingService() {
    }

    /** Under CI (CI=true) the test fails, so a green build always ran it; elsewhere it is skipped. */
    public static RuntimeException cannotRun(String message, Exception cause) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message + " (CI=true: this must not be skipped)", cause);
        }
        Assumptions.abort(message);
        return new IllegalStateException(message, cause);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
