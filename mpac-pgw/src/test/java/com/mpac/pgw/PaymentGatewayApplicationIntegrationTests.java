package com.mpac.pgw;

import com.mpac.testsupport.ServiceBootIntegrationTests;

/** mpac-pgw boots on a real PostgreSQL with the platform's probes, metrics, OpenAPI document and schema. */
class PaymentGatewayApplicationIntegrationTests extends ServiceBootIntegrationTests {
}
