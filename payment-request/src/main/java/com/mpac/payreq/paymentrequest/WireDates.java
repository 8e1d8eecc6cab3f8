package com.mpac.payreq.paymentrequest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;

import com.mpac.payreq.error.PaymentRequestException;

/**
 * Dates as the seed writes them: {@code dateCreated} with its offset ({@code 2022-04-18T00:43:41.687-07:00}; here
 * always UTC, {@code +00:00}), activation and expiration without one ({@code 2022-04-18T07:43:12.313}, UTC). Input
 * dates may carry an offset ({@code 2024-01-01T00:00:00Z}, as the seed's bodies do) or not (then UTC).
 */
final class WireDates {

    // The fraction as the seed writes it (.687, .6): trailing zeros dropped, none at all on a whole second; up to
    // the microseconds PostgreSQL keeps, so a date read back and sent again is the one held.
    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss").appendFraction(ChronoField.NANO_OF_SECOND, 0, 6, true)
            .toFormatter();
    private static final DateTimeFormatter WITH_OFFSET = new DateTimeFormatterBuilder().append(LOCAL)
            .appendOffset("+HH:MM", "+00:00").toFormatter();
    static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);

    private WireDates() {
    }

    static String withOffset(Instant instant) {
        return WITH_OFFSET.format(instant.atOffset(ZoneOffset.UTC));
    }

    static String local(Instant instant) {
        return LOCAL.format(instant.atOffset(ZoneOffset.UTC));
    }

    /** An input date, or {@code null} when absent; 400 naming the field when unreadable. */
    static Instant parse(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        try {
            return OffsetDateTime.parse(text).toInstant();
        }
        catch (DateTimeParseException notWithOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            }
            catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
                }
                catch (DateTimeParseException notDate) {
                    throw PaymentRequestException.invalid(field
                            + " must be an ISO 8601 date-time such as 2024-01-01T00:00:00Z.");
                }
            }
        }
    }

    /** A {@code YYYYMMDD} query parameter; 400 naming it when not a real date. */
    static LocalDate day(String parameter, String value) {
        if (value == null || !value.matches("\\d{8}")) {
            throw PaymentRequestException.invalid(parameter + " must be a date in the format YYYYMMDD.");
        }
        try {
            return LocalDate.parse(value, YYYYMMDD);
        }
        catch (DateTimeParseException ex) {
            throw PaymentRequestException.invalid(parameter + " must be a date in the format YYYYMMDD.");
        }
    }
}
