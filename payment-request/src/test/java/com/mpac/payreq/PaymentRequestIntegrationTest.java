package com.mpac.payreq;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the feature integration tests: the service booted on a real PostgreSQL with the sandbox processor on,
 * one shared context for all of them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "mpac.sandbox-enabled=true", "mpac.payreq.public-url=", "mpac.payreq.attempts.per-request=50",
                "mpac.payreq.attempts.per-address=100000" })
public abstract class PaymentRequestIntegrationTest {

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected JsonMapper json;

    private PaymentRequestApi api;

    protected PaymentRequestApi api() {
        if (api == null) {
            api = new PaymentRequestApi(port, json);
        }
        return api;
    }
}
