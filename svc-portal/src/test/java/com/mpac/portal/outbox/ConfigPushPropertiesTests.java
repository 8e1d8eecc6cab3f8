package com.mpac.portal.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class ConfigPushPropertiesTests {

    @Test
    void shouldPushToEveryReceiverByDefault() {
        ConfigPushProperties properties = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("mpac.portal.config-push", ConfigPushProperties.class);

        assertThat(properties.targets()).containsExactly(ConfigPushTarget.PGW, ConfigPushTarget.MQPAY,
                ConfigPushTarget.MIA, ConfigPushTarget.MOBILEPAY, ConfigPushTarget.PAYREQ);
        assertThat(ConfigPushTarget.PAYREQ.key()).isEqualTo("payreq");
        assertThat(ConfigPushTarget.PAYREQ.baseUrlProperty()).isEqualTo("mpac.payreq-url");
    }
}
