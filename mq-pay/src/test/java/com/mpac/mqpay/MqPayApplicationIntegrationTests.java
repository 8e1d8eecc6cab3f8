package com.mpac.mqpay;

import com.mpac.testsupport.ServiceBootIntegrationTests;

/** mq-pay boots on a real PostgreSQL with the platform's probes, metrics, OpenAPI document and schema. */
class MqPayApplicationIntegrationTests extends ServiceBootIntegrationTests {
}
