package com.mpac.mqpay.config;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ MqPayProperties.class, SandboxProperties.class })
class PropertiesConfig {
}
