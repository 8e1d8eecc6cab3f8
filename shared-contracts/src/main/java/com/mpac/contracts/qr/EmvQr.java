package com.mpac.contracts.qr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * EMVCo merchant-presented QR payloads: ID-length-value fields, {@code 00} first, {@code 63} last holding the CRC over
 * everything before it including the literal {@code 6304}. Lengths count characters, as EMVCo's own sample (with
 * Chinese merchant names) shows.
 */
public final class EmvQr {

    private static final String CRC_TAG = "6304";

    private EmvQr() {
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The fields of a payload whose CRC verifies; empty when it is malformed or the CRC does not match. */
    public static Optional<List<Field>> parse(String payload) {
        if (payload == null || payload.length() < 8 || !payload.startsWith(CRC_TAG, payload.length() - 8)) {
            return Optional.empty();
        }
        String body = payload.substring(0, payload.length() - 4);
        if (!Crc16.hex(body).equals(payload.substring(payload.length() - 4))) {
            return Optional.empty();
        }
        return fields(payload).filter(fields -> !fields.isEmpty() && fields.getFirst().id().equals("00"));
    }

    /** Splits ID-length-value text into fields; empty when a length runs past the end or is not two digits. */
    public static Optional<List<Field>> fields(String text) {
        List<Field> fields = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            if (at + 4 > text.length()) {
                return Optional.empty();
            }
            String id = text.substring(at, at + 2);
            String length = text.substring(at + 2, at + 4);
            if (!length.chars().allMatch(Character::isDigit) || !id.chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            int end = at + 4 + Integer.parseInt(length);
            if (end > text.length()) {
                return Optional.empty();
            }
            fields.add(new Field(id, text.substring(at + 4, end)));
            at = end;
        }
        return Optional.of(Collections.unmodifiableList(fields));
    }

    /** One field; for templates (26–51, 62, 64) the value is itself ID-length-value text. */
    public record Field(String id, String value) {

        public Optional<String> sub(String subId) {
            return fields(value).flatMap(subs -> subs.stream().filter(f -> f.id().equals(subId)).findFirst())
                    .map(Field::value);
        }
    }

    /** Builds a payload field by field and appends the CRC; values are written as given. */
    public static final class Builder {

        private final StringBuilder payload = new StringBuilder();

        private Builder() {
        }

        public Builder field(String id, String value) {
            payload.append(tlv(id, value));
            return this;
        }

        /** A template field whose value is built from sub-fields. */
        public Builder template(String id, Consumer<Builder> subFields) {
            Builder sub = new Builder();
            subFields.accept(sub);
            return field(id, sub.payload.toString());
        }

        public String build() {
            String body = payload + CRC_TAG;
            return body + Crc16.hex(body);
        }

        private static String tlv(String id, String value) {
            if (id.length() != 2 || !id.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("An EMVCo field id is two digits: " + id);
            }
            if (value.length() > 99) {
                throw new IllegalArgumentException("Field " + id + " is longer than 99 characters");
            }
            return id + "%02d".formatted(value.length()) + value;
        }
    }
}
