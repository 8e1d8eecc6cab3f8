package com.mpac.portal;

import com.mpac.testsupport.ServiceBootIntegrationTests;

/** svc-portal boots on a real PostgreSQL with the platform's probes, metrics, OpenAPI document and schema. */
class PortalApplicationIntegrationTests extends ServiceBootIntegrationTests {
}
