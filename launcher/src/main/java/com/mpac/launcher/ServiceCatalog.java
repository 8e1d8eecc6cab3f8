package com.mpac.launcher;

import java.util.List;
import java.util.Optional;

/** The seven services of the platform, in start and display order (the table in PLATFORM.md). */
final class ServiceCatalog {

    static final List<PlatformService> SERVICES = List.of(
            new PlatformService("svc-portal", "portal", 8081),
            new PlatformService("svc-smarttab", "smarttab", 8082),
            new PlatformService("mpac-pgw", "pgw", 8083),
            new PlatformService("mia-pos-gateway", "mia", 8084),
            new PlatformService("mobilepay-adapter", "mobilepay", 8085),
            new PlatformService("mq-pay", "mqpay", 8086),
            new PlatformService("payment-request", "payreq", 8087));

    private ServiceCatalog() {
    }

    static Optional<PlatformService> byName(String name) {
        return SERVICES.stream().filter(service -> service.name().equals(name)).findFirst();
    }
}
