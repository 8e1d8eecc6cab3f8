package com.mpac.mobilepay;

import com.mpac.testsupport.ServiceBootIntegrationTests;

/** mobilepay-adapter boots on a real PostgreSQL with the platform's probes, metrics, OpenAPI document and schema. */
class MobilePayAdapterApplicationIntegrationTests extends ServiceBootIntegrationTests {
}
