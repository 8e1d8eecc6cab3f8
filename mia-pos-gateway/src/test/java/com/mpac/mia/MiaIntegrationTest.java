package com.mpac.mia;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the feature integration tests: the service booted on a real PostgreSQL with the sandbox on, OTP resends
 * allowed at once, and svc-portal's credential check played by {@link PortalStub}; one context for all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "mpac.sandbox-enabled=true", "mpac.mia.resend-wait=0s" })
public abstract class MiaIntegrationTest {

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected JsonMapper json;

    private MiaApi api;

    @DynamicPropertySource
    static void portal(DynamicPropertyRegistry registry) {
        registry.add("mpac.portal-url", PortalStub::url);
    }

    protected MiaApi api() {
        if (api == null) {
            api = new MiaApi(port, json);
        }
        return api;
    }
}
