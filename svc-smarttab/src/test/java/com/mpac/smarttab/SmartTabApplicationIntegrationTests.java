package com.mpac.smarttab;

import com.mpac.testsupport.ServiceBootIntegrationTests;

/** svc-smarttab boots on a real PostgreSQL with the platform's probes, metrics, OpenAPI document and schema. */
class SmartTabApplicationIntegrationTests extends ServiceBootIntegrationTests {
}
