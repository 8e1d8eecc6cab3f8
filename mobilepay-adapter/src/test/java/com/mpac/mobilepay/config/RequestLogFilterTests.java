package com.mpac.mobilepay.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestLogFilterTests {

    @Test
    void shouldRedactTheCredentialParametersWhateverTheirCaseOrEncoding() {
        assertThat(RequestLogFilter.redact("paymentId=pay_1&accessToken=s3cr3t&bioCode=BIO"))
                .isEqualTo("paymentId=pay_1&accessToken=***&bioCode=***");
        assertThat(RequestLogFilter.redact("bioCode=B&previousAccessToken=old%3D%3D"))
                .isEqualTo("bioCode=***&previousAccessToken=***");
        assertThat(RequestLogFilter.redact("ACCESSTOKEN=a&access%54oken=b&accessToken&x=accessToken%3Dc"))
                .isEqualTo("ACCESSTOKEN=***&access%54oken=***&accessToken=***&x=accessToken%3Dc");
    }

    @Test
    void shouldWriteADashForNoQueryAndNoTraceparent() {
        assertThat(RequestLogFilter.redact(null)).isEqualTo("-");
        assertThat(RequestLogFilter.traceId(null)).isEqualTo("-");
        assertThat(RequestLogFilter.traceId("garbage")).isEqualTo("-");
        assertThat(RequestLogFilter.traceId("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }
}
