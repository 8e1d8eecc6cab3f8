package com.mpac.mqpay.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The VNPAY sandbox ({@code /api/mq-pay/sandbox/**}): on in the local run ({@code MPAC_SANDBOX_ENABLED=true}), off
 * (404) unless enabled.
 */
@ConfigurationProperties("mpac.sandbox")
public record SandboxProperties(boolean enabled) {
}
