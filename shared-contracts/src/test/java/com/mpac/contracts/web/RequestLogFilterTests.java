package com.mpac.contracts.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

class RequestLogFilterTests {

    private final RequestLogFilter filter = new RequestLogFilter(Set.of("accessToken", "previousAccessToken",
            "BIOCODE"));

    @Test
    void shouldRedactTheCredentialParametersWhateverTheirCaseOrEncoding() {
        assertThat(filter.redact("paymentId=pay_1&accessToken=s3cr3t&bioCode=BIO"))
                .isEqualTo("paymentId=pay_1&accessToken=***&bioCode=***");
        assertThat(filter.redact("bioCode=B&previousAccessToken=old%3D%3D"))
                .isEqualTo("bioCode=***&previousAccessToken=***");
        assertThat(filter.redact("ACCESSTOKEN=a&access%54oken=b&accessToken&x=accessToken%3Dc"))
                .isEqualTo("ACCESSTOKEN=***&access%54oken=***&accessToken=***&x=accessToken%3Dc");
    }

    @Test
    void shouldWriteADashForNoQueryAndNoTraceparent() {
        assertThat(filter.redact(null)).isEqualTo("-");
        assertThat(RequestLogFilter.traceId(null)).isEqualTo("-");
        assertThat(RequestLogFilter.traceId("garbage")).isEqualTo("-");
        assertThat(RequestLogFilter.traceId("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }
}
