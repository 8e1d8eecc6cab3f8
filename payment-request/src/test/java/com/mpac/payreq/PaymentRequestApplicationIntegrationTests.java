package com.mpac.payreq;

import com.mpac.testsupport.ServiceBootIntegrationTests;

/** payment-request boots on a real PostgreSQL with the platform's probes, metrics, OpenAPI document and schema. */
class PaymentRequestApplicationIntegrationTests extends ServiceBootIntegrationTests {
}
