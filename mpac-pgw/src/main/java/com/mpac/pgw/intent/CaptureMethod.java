package com.mpac.pgw.intent;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a successful authorization is captured at once or held for {@code POST .../capture}. */
public enum CaptureMethod {
    AUTOMATIC, MANUAL;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    static CaptureMethod of(String value) {
        for (CaptureMethod method : values()) {
            if (method.value().equals(value)) {
                return method;
            }
        }
        throw new IllegalArgumentException("capture_method is 'automatic' or 'manual'");
    }
}
