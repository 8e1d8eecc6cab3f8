package com.mpac.mqpay.resource;

/** How a resource field is stored, filtered and written on the wire. */
enum FieldType {
    /** A uuid column; filters take its text form. */
    UUID,
    /** Text; the only type {@code like}/{@code nlike}/{@code ilike} apply to. */
    TEXT,
    /** VND amount: filters take numbers (or numeric strings); the wire shows a 4-decimal string. */
    AMOUNT,
    /** A whole number. */
    INTEGER,
    /** A timestamptz; filters take ISO-8601 instants; the wire shows ISO-8601 UTC. */
    TIMESTAMP
}
