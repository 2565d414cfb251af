package org.p2pvps.registry.internal.rest;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.p2pvps.registry.internal.TestOptions;

/**
 * One {@link TestServer} with the default test options for all tests of a class and its nested
 * classes: started before them, stopped after them. Tests isolate themselves by signing up owners of
 * their own.
 */
abstract class ApiTestSupport {

    @TempDir
    static Path dataDir;

    static TestServer server;
    static Http http;
    static Steps steps;

    @BeforeAll
    static void startServer() {
        server = TestServer.start(dataDir, TestOptions.defaults());
        http = server.http;
        steps = new Steps(http);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }
}
