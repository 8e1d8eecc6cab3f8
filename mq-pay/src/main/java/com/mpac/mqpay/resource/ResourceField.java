package com.mpac.mqpay.resource;

/** One whitelisted field: its JSON name, its column, and its type. Only these ever reach SQL, by column name. */
record ResourceField(String name, String column, FieldType type) {
}
