package com.mpac.mobilepay;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the feature integration tests: the adapter booted on a real PostgreSQL with the shopper's sandbox on and
 * a fast expiry sweep, one shared context for all of them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "mpac.sandbox-enabled=true", "mpac.mobilepay.expiry-sweep-interval=200ms" })
public abstract class MobilePayIntegrationTest {

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected JsonMapper json;

    private MobilePayApi api;

    protected MobilePayApi api() {
        if (api == null) {
            api = new MobilePayApi(port, json);
        }
        return api;
    }
}
