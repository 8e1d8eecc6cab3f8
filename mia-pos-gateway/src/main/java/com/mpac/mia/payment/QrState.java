package com.mpac.mia.payment;

/** A QR code's life: active until paid (dynamic codes only), cancelled or expired (dynamic codes only). */
enum QrState {
    active, paid, cancelled, expired;

    boolean canBecome(QrState next) {
        return this == active && next != active;
    }
}
