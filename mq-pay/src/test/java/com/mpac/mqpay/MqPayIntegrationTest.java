package com.mpac.mqpay;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the feature integration tests: mq-pay booted on a real PostgreSQL with the VNPAY sandbox on and a fast
 * expiry job, one shared context for all of them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "mpac.sandbox.enabled=true", "mpac.mqpay.expiry-sweep-interval=300ms" })
public abstract class MqPayIntegrationTest {

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected JsonMapper json;

    private MqPayApi api;

    protected MqPayApi api() {
        if (api == null) {
            api = new MqPayApi(port, json);
        }
        return api;
    }
}
