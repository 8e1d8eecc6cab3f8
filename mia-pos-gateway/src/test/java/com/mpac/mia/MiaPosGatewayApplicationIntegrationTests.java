package com.mpac.mia;

import com.mpac.testsupport.ServiceBootIntegrationTests;

/** mia-pos-gateway boots on a real PostgreSQL with the platform's probes, metrics, OpenAPI document and schema. */
class MiaPosGatewayApplicationIntegrationTests extends ServiceBootIntegrationTests {
}
